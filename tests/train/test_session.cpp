#include <doctest/doctest.h>

#include <cmath>

#include "train/plane/plane_run.h"

using train::Config;
using train::ModelKind;

namespace {
Config xor_mlp(std::vector<int> hidden, nn::Activation a, float lr, std::uint64_t seed) {
    Config c;
    c.plane()->model = ModelKind::Mlp;
    c.plane()->dataset = data::Toy2D::Xor;
    c.hidden = std::move(hidden);
    c.activation = a;
    c.learning_rate = lr;
    c.seed = seed;
    return c;
}
}  // namespace

// The lesson's 2-4-1 preset (sigmoid, learning rate 2, seed 1) must solve XOR within the
// 300 steps the lesson promises (measured: solved at step 136).
TEST_CASE("the 2-4-1 MLP reaches 100% on XOR from seed 1 within 300 steps") {
    train::PlaneRun s(xor_mlp({4}, nn::Activation::Sigmoid, 2.0f, 1));
    int solved_at = -1;
    for (int i = 1; i <= 300 && solved_at < 0; ++i) {
        s.step();
        if (s.evaluate_accuracy() == 1.0f) solved_at = i;
    }
    MESSAGE("2-4-1 sigmoid solved XOR at step " << solved_at);
    CHECK(solved_at > 0);
    CHECK(s.divergence().empty());
}

TEST_CASE("the perceptron session on XOR never passes 75% accuracy") {
    Config c;
    c.plane()->model = ModelKind::Perceptron;
    c.plane()->dataset = data::Toy2D::Xor;
    c.seed = 4;
    train::PlaneRun s(c);
    for (int i = 0; i < 4000; ++i) {
        s.step();
        REQUIRE(s.accuracy() <= 0.75f);
    }
    CHECK_FALSE(s.converged());
}

TEST_CASE("the perceptron session on OR converges and says so") {
    Config c;
    c.plane()->model = ModelKind::Perceptron;
    c.plane()->dataset = data::Toy2D::Or;
    train::PlaneRun s(c);
    for (int i = 0; i < 400 && !s.converged(); ++i) s.step();
    CHECK(s.converged());
    CHECK(s.accuracy() == 1.0f);
    train::Snapshot snap;
    s.fill_snapshot(snap);
    REQUIRE(snap.view<train::PlaneView>()->perceptron_step.has_value());
    CHECK_FALSE(snap.view<train::PlaneView>()->perceptron_step->update.changed());
}

TEST_CASE("changing the activation keeps the weights and takes effect at the next step") {
    train::PlaneRun s(xor_mlp({4}, nn::Activation::Sigmoid, 1.0f, 2));
    for (int i = 0; i < 50; ++i) s.step();
    const nn::Mlp before = s.mlp();
    s.set_activation(nn::Activation::Tanh);
    CHECK(s.mlp().W[0] == before.W[0]);
    CHECK(s.mlp().W[1] == before.W[1]);
    CHECK(s.steps() == 50);
    // The next step's gradient uses tanh: the same step computed by hand with a tanh copy.
    nn::Mlp expected = before;
    expected.activation = nn::Activation::Tanh;
    nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 1.0f});
    train::Snapshot snap;
    s.fill_snapshot(snap);
    nn::Matrix t(4, 1);
    for (int i = 0; i < 4; ++i) t(i, 0) = float(snap.view<train::PlaneView>()->data->labels[i]);
    trainer.step(expected, snap.view<train::PlaneView>()->data->x, t);
    s.step();
    CHECK((s.mlp().W[0] - expected.W[0]).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("a learning rate far too large is caught as divergence with a reason") {
    train::PlaneRun s(xor_mlp({4}, nn::Activation::ReLU, 5000.0f, 1));
    for (int i = 0; i < 200 && s.divergence().empty(); ++i) s.step();
    REQUIRE_FALSE(s.divergence().empty());
    CHECK(s.divergence().find("learning rate") != std::string::npos);
    const auto steps = s.steps();
    s.step();  // a diverged session refuses to step
    CHECK(s.steps() == steps);
    s.reset();
    CHECK(s.divergence().empty());
    CHECK(s.steps() == 0);
}

TEST_CASE("the decision field covers the plane with probabilities") {
    train::PlaneRun s(xor_mlp({4}, nn::Activation::Tanh, 1.0f, 1));
    train::Snapshot snap;
    s.fill_snapshot(snap);
    CHECK(snap.view<train::PlaneView>()->field.resolution > 16);
    CHECK(snap.view<train::PlaneView>()->field.values.size() == std::size_t(snap.view<train::PlaneView>()->field.resolution * snap.view<train::PlaneView>()->field.resolution));
    for (float v : snap.view<train::PlaneView>()->field.values) {
        REQUIRE(v >= 0.f);
        REQUIRE(v <= 1.f);
    }
    CHECK(snap.parameter_count == 2 * 4 + 4 + 4 + 1);
    CHECK(snap.view<train::PlaneView>()->layers.size() == 2);
}

TEST_CASE("a metrics series stays bounded and keeps the whole run") {
    train::Series h;
    for (std::uint64_t i = 0; i <= 100000; ++i) h.add(i, float(i));
    CHECK(h.size() < train::Series::kCapacity);
    CHECK(h.size() > train::Series::kCapacity / 4);
    CHECK(h.step.front() == 0);
    CHECK(h.step.back() > 99000);
    for (std::size_t i = 1; i < h.size(); ++i) REQUIRE(h.step[i] > h.step[i - 1]);
    for (std::size_t i = 0; i < h.size(); ++i) REQUIRE(h.value[i] == float(h.step[i]));
}

TEST_CASE("a multi-series (one value per layer) stays bounded, rows intact") {
    train::MultiSeries m;
    for (std::uint64_t i = 0; i < 50000; ++i) m.add(i, {float(i), float(2 * i), float(3 * i)});
    CHECK(m.width == 3);
    CHECK(m.size() < train::MultiSeries::kCapacity);
    CHECK(m.values.size() == m.size() * 3);
    for (std::size_t r = 0; r < m.size(); ++r) {
        REQUIRE(m.values[r * 3] == float(m.step[r]));
        REQUIRE(m.values[r * 3 + 2] == 3.f * float(m.step[r]));
    }
}

namespace {
Config spiral_mlp(int batch_size, std::uint64_t seed) {
    Config c;
    c.plane()->model = ModelKind::Mlp;
    c.plane()->dataset = data::Toy2D::Spiral;
    c.plane()->points = 200;
    c.plane()->noise = 0.05f;
    c.plane()->test_fraction = 0.25f;
    c.hidden = {16, 16};
    c.activation = nn::Activation::Tanh;
    c.optimizer = nn::OptimizerKind::Adam;
    c.learning_rate = 0.03f;
    c.batch_size = batch_size;
    c.seed = seed;
    return c;
}
}  // namespace

TEST_CASE("a generated data set is split into training and test points, and both are measured") {
    train::PlaneRun s(spiral_mlp(0, 1));
    CHECK(s.train_data().x.rows() == 150);
    CHECK(s.test_data().x.rows() == 50);
    for (int i = 0; i < 1500; ++i) s.step();
    s.evaluate();
    train::Snapshot snap;
    s.fill_snapshot(snap);
    MESSAGE("spiral 2-16-16-1, 1500 Adam steps: train " << snap.train_accuracy << ", test " << snap.test_accuracy);
    CHECK(snap.train_accuracy > 0.95f);
    CHECK(snap.test_accuracy > 0.8f);
    CHECK(snap.test_loss > 0.f);
    CHECK(snap.history.test_accuracy.size() >= 2);
}

TEST_CASE("same seed, same loss curve, bit for bit, with mini-batches") {
    std::vector<float> curves[2];
    for (auto& curve : curves) {
        train::PlaneRun s(spiral_mlp(10, 3));
        for (int i = 0; i < 300; ++i) {
            s.step();
            curve.push_back(s.loss());
        }
    }
    CHECK(curves[0] == curves[1]);
    train::PlaneRun other(spiral_mlp(10, 4));
    other.step();
    CHECK(other.loss() != curves[0][0]);
}

TEST_CASE("one example per step is noisier than the full batch") {
    // The spread of the loss from step to step, late in training.
    const auto jitter = [](int batch) {
        train::PlaneRun s(spiral_mlp(batch, 2));
        s.set_optimizer(nn::OptimizerKind::SGD);
        s.set_learning_rate(0.1f);
        double total = 0;
        float previous = 0;
        for (int i = 0; i < 600; ++i) {
            s.step();
            if (i > 400) total += std::abs(s.loss() - previous);
            previous = s.loss();
        }
        return total / 199;
    };
    const double single = jitter(1), full = jitter(0);
    MESSAGE("mean change of the loss per step: batch 1 " << single << ", full batch " << full);
    CHECK(single > 20 * full);
}

TEST_CASE("the user's points: add, remove, clear and load, with the weights kept") {
    train::PlaneRun s(spiral_mlp(0, 1));
    const nn::Matrix w0 = s.mlp().W[0];
    const auto before = s.train_data().x.rows();
    s.add_point(0.25f, -0.75f, 1);
    CHECK(s.train_data().x.rows() == before + 1);
    CHECK(s.train_data().labels.back() == 1);
    CHECK(s.mlp().W[0] == w0);
    CHECK(s.remove_point(0.26f, -0.74f, 0.05f));
    CHECK(s.train_data().x.rows() == before);
    CHECK_FALSE(s.remove_point(5.f, 5.f, 0.05f));  // nothing that near
    s.clear_points();
    CHECK(s.train_data().x.rows() == 0);
    CHECK_FALSE(s.cannot_train().empty());
    s.step();  // nothing to train on: no step, no crash
    CHECK(s.steps() == 0);
    data::Dataset2D mine = data::make_toy2d(data::Toy2D::Moons, {40, 0.1f, 9});
    s.load_points(mine);
    CHECK(s.train_data().x.rows() + s.test_data().x.rows() == 40);
    CHECK(s.test_data().x.rows() == 10);  // the test fraction of 0.25
    s.step();
    CHECK(s.steps() == 1);
}

TEST_CASE("switching the optimizer, loss, residual and batch size keeps the weights") {
    train::PlaneRun s(spiral_mlp(0, 1));
    for (int i = 0; i < 10; ++i) s.step();
    const nn::Mlp before = s.mlp();
    s.set_optimizer(nn::OptimizerKind::Momentum);
    s.set_loss(nn::Loss::SquaredError);
    s.set_residual(true);
    s.set_batch_size(8);
    CHECK(s.mlp().W[1] == before.W[1]);
    CHECK(s.mlp().residual);
    CHECK(s.mlp().skips(1));  // 16 -> 16 gets a shortcut
    s.step();
    CHECK(s.steps() == 11);
    CHECK(s.mlp().W[1] != before.W[1]);
}

TEST_CASE("the network view's probe is one example's forward and backward pass") {
    train::PlaneRun s(xor_mlp({4}, nn::Activation::Tanh, 0.5f, 1));
    s.step();
    train::Snapshot snap;
    s.fill_snapshot(snap);
    REQUIRE(snap.view<train::PlaneView>()->probe.has_value());
    const train::Probe& p = *snap.view<train::PlaneView>()->probe;
    REQUIRE(p.z.size() == 2);
    CHECK(p.z[0].size() == 4);
    CHECK(p.a[1][2] == doctest::Approx(std::tanh(p.z[0][2])));
    // dL/dz of the output, for one example with cross-entropy, is p - label.
    CHECK(p.dz[1][0] == doctest::Approx(p.output - float(p.label)));
    REQUIRE(snap.view<train::PlaneView>()->neuron_fields.has_value());
    CHECK(snap.view<train::PlaneView>()->neuron_fields->values.size() == 1);
    CHECK(snap.view<train::PlaneView>()->neuron_fields->values[0].size() == 4);
}

TEST_CASE("the landscape: three optimizers from one start, the surface they walk on, and a runaway caught") {
    Config c;
    c.plane()->model = ModelKind::Landscape;
    c.plane()->dataset = data::Toy2D::Blobs;
    c.plane()->noise = 0.3f;
    c.loss = nn::Loss::SquaredError;
    c.learning_rate = 0.3f;
    c.plane()->start = {-3.f, 2.5f};
    train::PlaneRun s(c);
    const train::Landscape& land = *s.landscape();
    const float start_loss = land.loss(0);
    CHECK(start_loss == doctest::Approx(land.loss_at(-3, 2.5)));
    // The analytic gradient of the surface agrees with its finite differences.
    const auto g = land.gradient_at(0.7, -1.2);
    const double h = 1e-5;
    CHECK(g[0] == doctest::Approx((land.loss_at(0.7 + h, -1.2) - land.loss_at(0.7 - h, -1.2)) / (2 * h)).epsilon(1e-5));
    CHECK(g[1] == doctest::Approx((land.loss_at(0.7, -1.2 + h) - land.loss_at(0.7, -1.2 - h)) / (2 * h)).epsilon(1e-5));
    for (int i = 0; i < 300; ++i) s.step();
    for (int path = 0; path < 3; ++path) CHECK(land.loss(path) < 0.5f * start_loss);
    train::Snapshot snap;
    s.fill_snapshot(snap);
    REQUIRE(snap.view<train::PlaneView>()->landscape.has_value());
    CHECK(snap.view<train::PlaneView>()->landscape->paths.size() == 3);
    CHECK(snap.view<train::PlaneView>()->landscape->paths[1].name == "momentum");
    CHECK(snap.view<train::PlaneView>()->landscape->paths[0].w1.size() == 301);
    CHECK(snap.view<train::PlaneView>()->landscape->loss.size() == std::size_t(train::Landscape::kResolution * train::Landscape::kResolution));

    c.learning_rate = 5.f;  // far above 2 / (the bowl's steepest curvature)
    train::PlaneRun wild(c);
    for (int i = 0; i < 200 && wild.divergence().empty(); ++i) wild.step();
    CHECK(wild.divergence().find("SGD") == 0);
}

// "Build the network" promises that a new shape keeps the weights of every layer it does not
// change: the class adds a layer and watches the same network carry on.
TEST_CASE("changing the shape keeps the weights of unchanged layers and starts new ones fresh") {
    train::PlaneRun s(xor_mlp({4, 4}, nn::Activation::Tanh, 0.5f, 3));
    for (int i = 0; i < 40; ++i) s.step();
    const nn::Mlp trained = s.mlp();

    SUBCASE("a third layer on top: the two below and the output keep theirs, the new one is fresh") {
        s.set_hidden({4, 4, 4});
        const nn::Mlp& m = s.mlp();
        REQUIRE(m.layer_count() == 4);
        CHECK(m.W[0] == trained.W[0]);
        CHECK(m.b[0] == trained.b[0]);
        CHECK(m.W[1] == trained.W[1]);
        CHECK(m.W[3] == trained.W[2]);  // output
        CHECK(m.b[3] == trained.b[2]);
        const nn::Mlp fresh = nn::make_mlp<float>({2, 4, 4, 4, 1}, nn::Activation::Tanh, 3);
        CHECK(m.W[2] == fresh.W[2]);
        CHECK(s.steps() == 0);
    }
    SUBCASE("a wider second layer: the first keeps its weights, the layers on either side of the change are fresh") {
        s.set_hidden({4, 6});
        const nn::Mlp& m = s.mlp();
        const nn::Mlp fresh = nn::make_mlp<float>({2, 4, 6, 1}, nn::Activation::Tanh, 3);
        CHECK(m.W[0] == trained.W[0]);
        CHECK(m.W[1] == fresh.W[1]);
        CHECK(m.W[2] == fresh.W[2]);
    }
    SUBCASE("the loss after the change is the loss of the kept network, and it trains on") {
        s.set_hidden({4, 4, 4});
        nn::MlpCache cache;
        nn::Matrix t(4, 1);
        for (int i = 0; i < 4; ++i) t(i, 0) = float(s.train_data().labels[std::size_t(i)]);
        nn::mlp_forward(s.mlp(), s.train_data().x, cache);
        CHECK(s.loss() == doctest::Approx(nn::mlp_loss(s.mlp(), t, cache)));
        for (int i = 0; i < 10; ++i) s.step();
        CHECK(s.steps() == 10);
        CHECK(s.divergence().empty());
    }
    SUBCASE("Reset still starts every layer fresh") {
        s.set_hidden({4, 4, 4});
        s.reset();
        CHECK(s.mlp().W[0] == nn::make_mlp<float>({2, 4, 4, 4, 1}, nn::Activation::Tanh, 3).W[0]);
    }
}
