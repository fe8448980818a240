#pragma once
// Commands only the plane family understands: its points and its shortcuts.
#include <memory>

#include "data/toy2d.h"

namespace train {

struct SetResidual { bool residual; };

// New data from a generator (the weights stay: watch them adapt).
struct SetData {
    data::Toy2D dataset;
    int points;
    float noise;
    float test_fraction;
};
// The user's own points: painted one at a time, or loaded from a file.
struct AddPoint { float x, y; int label; };      // joins the training points
struct RemovePoint { float x, y, radius; };      // the nearest point within radius, train or test
struct ClearPoints {};
struct LoadPoints { std::shared_ptr<const data::Dataset2D> points; };  // split by the test fraction

}  // namespace train
