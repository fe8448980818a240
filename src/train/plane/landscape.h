#pragma once
// A loss surface small enough to see whole: one neuron with two weights and no bias, trained on
// 2-D points by three optimizers from the same start, side by side.
//   squared error:  the neuron is linear, y = w1 x1 + w2 x2, and learns targets -1 / +1 (Widrow
//                   and Hoff's ADALINE, 1960): the loss is a bowl, a quadratic in (w1, w2), and a
//                   learning rate above 2 / (its steepest curvature) makes the steps grow;
//   cross-entropy:  the neuron is logistic, p = sigmoid(w1 x1 + w2 x2).
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "data/toy2d.h"
#include "nn/mlp.h"
#include "nn/optimizer.h"
#include "train/plane/plane_view.h"

namespace train {

class Landscape {
public:
    Landscape(std::shared_ptr<const data::Dataset2D> data, nn::Loss loss, std::array<float, 2> start, float learning_rate);

    void step();  // one full-batch step of every optimizer
    void set_learning_rate(float learning_rate);
    void set_data(std::shared_ptr<const data::Dataset2D> data);  // the paths go on; the surface is redrawn

    // Mean loss of the neuron with weights (w1, w2) on the data.
    double loss_at(double w1, double w2) const;
    std::array<double, 2> gradient_at(double w1, double w2) const;

    // Empty while all is well; otherwise which optimizer ran away, and why.
    const std::string& divergence() const { return divergence_; }
    float loss(int path) const { return paths_[std::size_t(path)].view.current_loss; }

    void fill(LandscapeView& view) const;

    static constexpr int kResolution = 64;
    static constexpr std::size_t kMaxPathPoints = 4096;

private:
    struct Path {
        nn::Optimizer optimizer;
        std::array<float, 2> w;
        LandscapeView::Path view;
    };
    void compute_surface();
    void record(Path& p);

    std::shared_ptr<const data::Dataset2D> data_;
    nn::Loss loss_;
    std::array<float, 2> start_;
    std::vector<Path> paths_;
    std::uint64_t steps_ = 0;
    float first_loss_ = 0;
    std::string divergence_;
    float range_ = 4;                // the surface spans [-range, range]^2 around the origin
    std::vector<float> surface_;
};

}  // namespace train
