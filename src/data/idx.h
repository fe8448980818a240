#pragma once
// MNIST in the standard IDX format (http://yann.lecun.com/exdb/mnist/), gzipped or not.
//
//     images: magic 0x00000803 (unsigned bytes, 3 dimensions), count, 28, 28, then count*784 bytes
//     labels: magic 0x00000801 (unsigned bytes, 1 dimension),  count,          then count bytes 0-9
//
// Header fields are big-endian 32-bit. A file that starts with the gzip magic 1f 8b is inflated
// first (zlib), whatever its name. Every reader validates before it allocates from a header: the
// magic, 28x28, and that the file holds exactly the bytes the header promises (a header claiming
// four billion images in a small file is refused as truncated, never allocated). Errors name the
// file and the reason: `data/train-labels-idx1-ubyte.gz: label 12 at index 7; labels must be 0-9`.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "nn/tensor.h"

namespace data {

inline constexpr int kMnistSide = 28;
inline constexpr int kMnistPixels = kMnistSide * kMnistSide;  // 784
inline constexpr int kMnistClasses = 10;
inline constexpr std::uint32_t kIdxImagesMagic = 0x00000803;
inline constexpr std::uint32_t kIdxLabelsMagic = 0x00000801;
// The most bytes a file may hold once inflated: far above the full MNIST training images (47 MB)
// or EMNIST's largest split (550 MB); it stops a gzip bomb or a wrongly chosen disk image.
inline constexpr std::size_t kMaxIdxBytes = std::size_t{1} << 30;

// Images of one IDX file, one image a row: pixel bytes as stored, row-major.
struct IdxImages {
    std::size_t count = 0;
    std::vector<std::uint8_t> pixels;  // count * 784
};

struct IdxImagesResult {
    std::optional<IdxImages> images;  // set on success
    std::string error;                // set on failure
};

struct IdxLabelsResult {
    std::optional<std::vector<std::uint8_t>> labels;  // set on success, each 0-9
    std::string error;                                // set on failure
};

IdxImagesResult read_idx_images(const std::filesystem::path& path);
IdxLabelsResult read_idx_labels(const std::filesystem::path& path);

// Digits ready to train on: pixels as floats in [0, 1] (byte / 255), labels 0-9, row i of
// `images` labelled labels[i].
struct MnistSet {
    nn::Matrix images;                 // [count, 784], row-major
    std::vector<std::uint8_t> labels;  // count
    std::size_t count() const { return labels.size(); }
};

struct MnistSetResult {
    std::optional<MnistSet> set;  // set on success
    std::string error;            // set on failure
};

// An image file and its label file; refused when either is, or when their counts differ.
MnistSetResult read_mnist_set(const std::filesystem::path& images_path, const std::filesystem::path& labels_path);

// The standard file names. In a folder each may also carry `.gz`; when both are present the
// uncompressed one is read.
inline constexpr const char* kMnistTrainImages = "train-images-idx3-ubyte";
inline constexpr const char* kMnistTrainLabels = "train-labels-idx1-ubyte";
inline constexpr const char* kMnistTestImages = "t10k-images-idx3-ubyte";
inline constexpr const char* kMnistTestLabels = "t10k-labels-idx1-ubyte";

struct MnistData {
    MnistSet train;
    MnistSet test;
};

struct MnistDataResult {
    std::optional<MnistData> data;  // set on success
    std::string error;              // set on failure: the first problem found
};

// Opens a folder holding the four standard files (the full 60,000/10,000 MNIST, the digits the
// set-up installs in data/mnist, or any IDX set of 28x28 grey images labelled 0-9).
MnistDataResult read_mnist_dir(const std::filesystem::path& dir);

// Writers, for the set-up's converter and the tests. `gzip` compresses the file (the name is the
// caller's choice; readers go by content). They write any dimensions and label bytes, so tests can
// make files the readers must refuse. Return an empty string on success, else the reason with the
// file's name.
std::string write_idx_images(const std::filesystem::path& path, std::span<const std::uint8_t> pixels,
                             std::uint32_t count, std::uint32_t rows, std::uint32_t cols, bool gzip);
std::string write_idx_labels(const std::filesystem::path& path, std::span<const std::uint8_t> labels, bool gzip);
// Writes bytes as they are, or gzipped: the building block of the two above.
std::string write_file_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes, bool gzip);

}  // namespace data
