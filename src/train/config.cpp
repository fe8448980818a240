#include "train/config.h"

#include "train/family.h"

namespace train {

std::string_view model_name(ModelKind m) {
    switch (m) {
        case ModelKind::Perceptron: return "perceptron";
        case ModelKind::Mlp: return "mlp";
        case ModelKind::Landscape: return "landscape";
    }
    return "?";
}

std::optional<ModelKind> model_from_name(std::string_view name) {
    for (ModelKind m : kAllModels)
        if (model_name(m) == name) return m;
    return std::nullopt;
}

std::string_view model_name(const Config& c) {
    if (const PlaneConfig* p = c.plane()) return model_name(p->model);
    return family_of(c).name;
}

}  // namespace train
