#include "data/toy2d.h"

namespace data {

std::string_view toy2d_name(Toy2D d) {
    switch (d) {
        case Toy2D::And: return "and";
        case Toy2D::Or: return "or";
        case Toy2D::Xor: return "xor";
    }
    return "?";
}

std::optional<Toy2D> toy2d_from_name(std::string_view name) {
    for (Toy2D d : kAllToy2D)
        if (toy2d_name(d) == name) return d;
    return std::nullopt;
}

Dataset2D make_toy2d(Toy2D d) {
    Dataset2D set;
    set.x.resize(4, 2);
    set.x << 0, 0,  //
        0, 1,       //
        1, 0,       //
        1, 1;
    for (int i = 0; i < 4; ++i) {
        const bool a = set.x(i, 0) > 0.5f, b = set.x(i, 1) > 0.5f;
        bool out = false;
        switch (d) {
            case Toy2D::And: out = a && b; break;
            case Toy2D::Or: out = a || b; break;
            case Toy2D::Xor: out = a != b; break;
        }
        set.labels.push_back(out ? 1 : 0);
    }
    return set;
}

}  // namespace data
