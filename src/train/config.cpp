#include "train/config.h"

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

}  // namespace train
