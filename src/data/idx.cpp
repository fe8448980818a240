#include "data/idx.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string_view>
#include <system_error>

namespace data {

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string with_name(const std::filesystem::path& path, std::string_view reason) {
    std::string text = path.string();
    text.append(": ").append(reason);
    return text;
}

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
    return text;
}

std::uint32_t read_be32(const Bytes& bytes, std::size_t offset) {
    return (std::uint32_t{bytes[offset]} << 24) | (std::uint32_t{bytes[offset + 1]} << 16) |
           (std::uint32_t{bytes[offset + 2]} << 8) | std::uint32_t{bytes[offset + 3]};
}

void append_be32(Bytes& bytes, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(value >> shift));
}

bool is_gzip(const Bytes& bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

// Inflates one or more concatenated gzip members (what `cat a.gz b.gz` makes, still valid gzip).
// The output grows with what the stream really holds, up to kMaxIdxBytes.
std::optional<Bytes> gunzip(const Bytes& in, std::string& problem) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) {  // 15 + 16: a gzip wrapper, not zlib's own
        problem = "zlib could not start inflating";
        return std::nullopt;
    }
    Bytes out(std::min<std::size_t>(std::max<std::size_t>(in.size() * 4, 1 << 16), kMaxIdxBytes));
    std::size_t produced = 0;
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    for (;;) {
        if (produced == out.size()) {
            if (out.size() >= kMaxIdxBytes) {
                inflateEnd(&zs);
                problem = "inflates to more than " + std::to_string(kMaxIdxBytes >> 20) + " MB; not an MNIST file";
                return std::nullopt;
            }
            out.resize(std::min(out.size() * 2, kMaxIdxBytes));
        }
        zs.next_out = out.data() + produced;
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, std::numeric_limits<uInt>::max()));
        const uInt room = zs.avail_out;
        const int status = inflate(&zs, Z_NO_FLUSH);
        produced += room - zs.avail_out;
        if (status == Z_STREAM_END) {
            if (zs.avail_in == 0) break;
            if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {  // another member
                inflateReset(&zs);
                continue;
            }
            inflateEnd(&zs);
            problem = "corrupt gzip stream: " + std::to_string(zs.avail_in) + " bytes of something else after its end";
            return std::nullopt;
        }
        if (status == Z_OK) continue;
        if (status == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            problem = "corrupt gzip stream: it ends early (a truncated download?)";
            return std::nullopt;
        }
        if (status == Z_BUF_ERROR) continue;  // out of room: the loop grows `out`
        std::string detail = zs.msg ? zs.msg : "error " + std::to_string(status);
        inflateEnd(&zs);
        problem = "corrupt gzip stream (zlib: " + detail + ")";
        return std::nullopt;
    }
    inflateEnd(&zs);
    out.resize(produced);
    out.shrink_to_fit();
    return out;
}

// The file's bytes, inflated when they are gzip. `problem` gets the reason without the name.
std::optional<Bytes> read_bytes(const std::filesystem::path& path, std::string& problem) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) {
        problem = "no such file";
        return std::nullopt;
    }
    if (std::filesystem::is_directory(status)) {
        problem = "is a folder, not a file";
        return std::nullopt;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        problem = "cannot read its size (" + ec.message() + ")";
        return std::nullopt;
    }
    if (size > kMaxIdxBytes) {
        problem = "is " + std::to_string(size >> 20) + " MB; an IDX file of MNIST is far smaller";
        return std::nullopt;
    }
    std::ifstream file(path, std::ios::binary);
    Bytes bytes(static_cast<std::size_t>(size));
    if (!file || !file.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) {
        problem = "cannot be read";
        return std::nullopt;
    }
    if (!is_gzip(bytes)) return bytes;
    return gunzip(bytes, problem);
}

// What a wrong magic number most likely means, in words.
std::string magic_problem(std::uint32_t magic, std::uint32_t expected) {
    if (expected == kIdxImagesMagic && magic == kIdxLabelsMagic)
        return "this is an IDX label file (magic 0x00000801), not an image file";
    if (expected == kIdxLabelsMagic && magic == kIdxImagesMagic)
        return "this is an IDX image file (magic 0x00000803), not a label file";
    return "wrong magic number " + hex32(magic) + "; an IDX " +
           (expected == kIdxImagesMagic ? "image file of unsigned bytes" : "label file") + " starts with " +
           hex32(expected);
}

std::string truncated(std::uint64_t promised, std::string_view what, std::uint64_t needed, std::size_t held) {
    return "truncated: the header promises " + std::to_string(promised) + " " + std::string(what) + " (" +
           std::to_string(needed) + " bytes with the header) but the file holds " + std::to_string(held) + " bytes";
}

}  // namespace

namespace {
// The checks an image file and a label file share: the magic number, a whole header, and exactly
// as many bytes as the header promises items of `item_size` bytes. The item count, or why not.
std::optional<std::uint32_t> check_layout(const Bytes& b, std::uint32_t expected_magic, std::size_t header,
                                          std::uint64_t item_size, std::string_view what, std::string& problem) {
    if (b.size() < 4) {
        problem = "truncated: " + std::to_string(b.size()) + " bytes, too few for an IDX header";
        return std::nullopt;
    }
    const std::uint32_t magic = read_be32(b, 0);
    if (magic != expected_magic) {
        problem = magic_problem(magic, expected_magic);
        return std::nullopt;
    }
    if (b.size() < header) {
        problem = "truncated: " + std::to_string(b.size()) + " bytes, fewer than the " + std::to_string(header) +
                  "-byte header of " + (what == "images" ? "an image" : "a label") + " file";
        return std::nullopt;
    }
    const std::uint32_t count = read_be32(b, 4);
    const std::uint64_t needed = header + std::uint64_t{count} * item_size;  // cannot overflow: < 2^42
    if (b.size() < needed) {
        problem = truncated(count, what, needed, b.size());
        return std::nullopt;
    }
    if (b.size() > needed) {
        problem = std::to_string(b.size() - needed) + " bytes follow the " + std::to_string(count) + " " +
                  std::string(what) + " the header promises";
        return std::nullopt;
    }
    return count;
}
}  // namespace

IdxImagesResult read_idx_images(const std::filesystem::path& path) {
    IdxImagesResult result;
    std::string problem;
    std::optional<Bytes> bytes = read_bytes(path, problem);
    if (!bytes) return {std::nullopt, with_name(path, problem)};
    const Bytes& b = *bytes;
    // The picture size comes before the byte count: a file of 32x32 images is "not 28x28", not "truncated".
    if (b.size() >= 16 && read_be32(b, 0) == kIdxImagesMagic) {
        const std::uint32_t rows = read_be32(b, 8), cols = read_be32(b, 12);
        if (rows != kMnistSide || cols != kMnistSide)
            return {std::nullopt, with_name(path, "images are " + std::to_string(rows) + "x" + std::to_string(cols) +
                                                      " pixels; expected 28x28")};
    }
    const std::optional<std::uint32_t> count = check_layout(b, kIdxImagesMagic, 16, kMnistPixels, "images", problem);
    if (!count) return {std::nullopt, with_name(path, problem)};
    result.images = IdxImages{*count, Bytes(b.begin() + 16, b.end())};
    return result;
}

IdxLabelsResult read_idx_labels(const std::filesystem::path& path) {
    IdxLabelsResult result;
    std::string problem;
    std::optional<Bytes> bytes = read_bytes(path, problem);
    if (!bytes) return {std::nullopt, with_name(path, problem)};
    const Bytes& b = *bytes;
    const std::optional<std::uint32_t> count = check_layout(b, kIdxLabelsMagic, 8, 1, "labels", problem);
    if (!count) return {std::nullopt, with_name(path, problem)};
    for (std::size_t i = 8; i < b.size(); ++i) {
        if (b[i] >= kMnistClasses)
            return {std::nullopt, with_name(path, "label " + std::to_string(b[i]) + " at index " + std::to_string(i - 8) +
                                                      "; labels must be 0-9")};
    }
    result.labels = Bytes(b.begin() + 8, b.end());
    return result;
}

MnistSetResult read_mnist_set(const std::filesystem::path& images_path, const std::filesystem::path& labels_path) {
    IdxImagesResult images = read_idx_images(images_path);
    if (!images.images) return {std::nullopt, images.error};
    IdxLabelsResult labels = read_idx_labels(labels_path);
    if (!labels.labels) return {std::nullopt, labels.error};
    const std::size_t n = images.images->count;
    if (labels.labels->size() != n)
        return {std::nullopt, images_path.string() + " holds " + std::to_string(n) + " images but " + labels_path.string() +
                                  " holds " + std::to_string(labels.labels->size()) + " labels; they must match one to one"};
    if (n == 0) return {std::nullopt, with_name(images_path, "holds no images")};
    MnistSet set;
    set.images.resize(static_cast<Eigen::Index>(n), kMnistPixels);
    const std::uint8_t* pixels = images.images->pixels.data();
    float* out = set.images.data();
    for (std::size_t i = 0; i < n * kMnistPixels; ++i) out[i] = static_cast<float>(pixels[i]) / 255.f;
    set.labels = std::move(*labels.labels);
    return {std::move(set), {}};
}

MnistDataResult read_mnist_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return {std::nullopt, with_name(dir, std::filesystem::exists(dir, ec) ? "is a file, not a folder" : "no such folder")};
    // The plain file when there is one, else the gzipped one; else the error names both.
    std::string missing;
    auto find = [&](const char* name) {
        const std::filesystem::path plain = dir / name;
        const std::filesystem::path gz = dir / (std::string(name) + ".gz");
        if (std::filesystem::is_regular_file(plain, ec)) return plain;
        if (std::filesystem::is_regular_file(gz, ec)) return gz;
        if (missing.empty()) missing = with_name(dir, std::string("no ") + name + " (or " + name + ".gz) in this folder");
        return std::filesystem::path{};
    };
    const auto train_images = find(kMnistTrainImages);
    const auto train_labels = find(kMnistTrainLabels);
    const auto test_images = find(kMnistTestImages);
    const auto test_labels = find(kMnistTestLabels);
    if (!missing.empty()) return {std::nullopt, missing};
    MnistSetResult train = read_mnist_set(train_images, train_labels);
    if (!train.set) return {std::nullopt, train.error};
    MnistSetResult test = read_mnist_set(test_images, test_labels);
    if (!test.set) return {std::nullopt, test.error};
    return {MnistData{std::move(*train.set), std::move(*test.set)}, {}};
}

std::string write_file_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes, bool gzip) {
    Bytes packed;
    if (gzip) {
        z_stream zs{};
        // 15 + 16: a gzip wrapper; no file name or time in it, so the same bytes give the same file.
        if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return with_name(path, "zlib could not start compressing");
        packed.resize(deflateBound(&zs, static_cast<uLong>(bytes.size())) + 32);
        zs.next_in = const_cast<Bytef*>(bytes.data());
        zs.avail_in = static_cast<uInt>(bytes.size());
        zs.next_out = packed.data();
        zs.avail_out = static_cast<uInt>(packed.size());
        const int status = deflate(&zs, Z_FINISH);
        packed.resize(zs.total_out);
        deflateEnd(&zs);
        if (status != Z_STREAM_END) return with_name(path, "zlib could not compress the data");
        bytes = packed;
    }
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) return with_name(path, "cannot be created");
    file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) return with_name(path, "could not be written in full");
    return {};
}

std::string write_idx_images(const std::filesystem::path& path, std::span<const std::uint8_t> pixels,
                             std::uint32_t count, std::uint32_t rows, std::uint32_t cols, bool gzip) {
    if (std::uint64_t{count} * rows * cols != pixels.size())
        return with_name(path, "not written: " + std::to_string(pixels.size()) + " pixels are not " + std::to_string(count) +
                                   " images of " + std::to_string(rows) + "x" + std::to_string(cols));
    Bytes bytes;
    bytes.reserve(16 + pixels.size());
    append_be32(bytes, kIdxImagesMagic);
    append_be32(bytes, count);
    append_be32(bytes, rows);
    append_be32(bytes, cols);
    bytes.insert(bytes.end(), pixels.begin(), pixels.end());
    return write_file_bytes(path, bytes, gzip);
}

std::string write_idx_labels(const std::filesystem::path& path, std::span<const std::uint8_t> labels, bool gzip) {
    Bytes bytes;
    bytes.reserve(8 + labels.size());
    append_be32(bytes, kIdxLabelsMagic);
    append_be32(bytes, static_cast<std::uint32_t>(labels.size()));
    bytes.insert(bytes.end(), labels.begin(), labels.end());
    return write_file_bytes(path, bytes, gzip);
}

}  // namespace data
