#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#include "data/idx.h"

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// A scratch directory of its own, removed at the end of the test. ctest runs test cases in
// parallel processes, so the name carries the test's tag and the process id.
struct ScratchDirectory {
    fs::path path;
    explicit ScratchDirectory(const std::string& tag)
        : path(fs::temp_directory_path() / ("nnscope_test_idx_" + tag + "_" + std::to_string(getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDirectory() { fs::remove_all(path); }
};

// n images whose pixels differ from image to image and cover 0 and 255.
Bytes some_pixels(std::size_t n) {
    Bytes pixels(n * data::kMnistPixels);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>((i * 7 + i / 784) % 256);
    return pixels;
}

Bytes file_bytes(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(file), {});
}

void write_raw(const fs::path& path, const Bytes& bytes) {
    REQUIRE(data::write_file_bytes(path, bytes, false) == "");
}

Bytes be32(std::uint32_t v) {
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
            static_cast<std::uint8_t>(v)};
}

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes all;
    for (const Bytes& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string images_error(const fs::path& path) {
    const data::IdxImagesResult r = data::read_idx_images(path);
    CHECK_FALSE(r.images.has_value());
    return r.error;
}

std::string labels_error(const fs::path& path) {
    const data::IdxLabelsResult r = data::read_idx_labels(path);
    CHECK_FALSE(r.labels.has_value());
    return r.error;
}

}  // namespace

TEST_CASE("IDX images and labels round-trip through the writer, plain and gzipped, to the same data") {
    ScratchDirectory dir("roundtrip");
    const Bytes pixels = some_pixels(5);
    const Bytes labels = {3, 0, 9, 1, 7};
    for (const bool gzip : {false, true}) {
        CAPTURE(gzip);
        const fs::path images_path = dir.path / (gzip ? "images.gz" : "images");
        const fs::path labels_path = dir.path / (gzip ? "labels.gz" : "labels");
        REQUIRE(data::write_idx_images(images_path, pixels, 5, 28, 28, gzip) == "");
        REQUIRE(data::write_idx_labels(labels_path, labels, gzip) == "");
        const Bytes written = file_bytes(images_path);
        REQUIRE(written.size() >= 2);
        CHECK((written[0] == 0x1f && written[1] == 0x8b) == gzip);
        if (!gzip) {
            CHECK(written.size() == 16 + pixels.size());
            CHECK(Bytes(written.begin(), written.begin() + 16) ==
                  concat({be32(0x803), be32(5), be32(28), be32(28)}));  // the standard header, big-endian
        }

        const data::IdxImagesResult images = data::read_idx_images(images_path);
        INFO(images.error);
        REQUIRE(images.images.has_value());
        CHECK(images.images->count == 5);
        CHECK(images.images->pixels == pixels);
        const data::IdxLabelsResult read_labels = data::read_idx_labels(labels_path);
        INFO(read_labels.error);
        REQUIRE(read_labels.labels.has_value());
        CHECK(*read_labels.labels == labels);

        const data::MnistSetResult set = data::read_mnist_set(images_path, labels_path);
        INFO(set.error);
        REQUIRE(set.set.has_value());
        REQUIRE(set.set->count() == 5);
        CHECK(set.set->images.rows() == 5);
        CHECK(set.set->images.cols() == 784);
        CHECK(set.set->labels == labels);
        CHECK(set.set->images.minCoeff() == 0.f);
        CHECK(set.set->images.maxCoeff() == 1.f);
        for (int i = 0; i < 5; ++i) {
            for (int p = 0; p < 784; ++p) CHECK_EQ(set.set->images(i, p), static_cast<float>(pixels[i * 784 + p]) / 255.f);
        }
    }
    // gzip actually compresses these repetitive pixels.
    CHECK(fs::file_size(dir.path / "images.gz") < fs::file_size(dir.path / "images") / 2);
}

TEST_CASE("a gzip file of concatenated members reads as one") {
    ScratchDirectory dir("members");
    const Bytes labels = {1, 2, 3, 4};
    const Bytes whole = concat({be32(0x801), be32(4), labels});
    REQUIRE(data::write_file_bytes(dir.path / "a.gz", Bytes(whole.begin(), whole.begin() + 6), true) == "");
    REQUIRE(data::write_file_bytes(dir.path / "b.gz", Bytes(whole.begin() + 6, whole.end()), true) == "");
    Bytes both = concat({file_bytes(dir.path / "a.gz"), file_bytes(dir.path / "b.gz")});
    write_raw(dir.path / "labels.gz", both);
    const data::IdxLabelsResult r = data::read_idx_labels(dir.path / "labels.gz");
    INFO(r.error);
    REQUIRE(r.labels.has_value());
    CHECK(*r.labels == labels);
}

TEST_CASE("a folder with the four standard names opens, gzipped or not, and names what is missing") {
    ScratchDirectory dir("folder");
    const Bytes train_pixels = some_pixels(6);
    const Bytes test_pixels = some_pixels(2);
    REQUIRE(data::write_idx_images(dir.path / "train-images-idx3-ubyte.gz", train_pixels, 6, 28, 28, true) == "");
    REQUIRE(data::write_idx_labels(dir.path / "train-labels-idx1-ubyte", Bytes{0, 1, 2, 3, 4, 5}, false) == "");
    REQUIRE(data::write_idx_images(dir.path / "t10k-images-idx3-ubyte", test_pixels, 2, 28, 28, false) == "");

    data::MnistDataResult r = data::read_mnist_dir(dir.path);
    REQUIRE_FALSE(r.data.has_value());
    CHECK(contains(r.error, "no t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz) in this folder"));
    CHECK(contains(r.error, dir.path.string()));

    REQUIRE(data::write_idx_labels(dir.path / "t10k-labels-idx1-ubyte.gz", Bytes{8, 9}, true) == "");
    r = data::read_mnist_dir(dir.path);
    INFO(r.error);
    REQUIRE(r.data.has_value());
    CHECK(r.data->train.count() == 6);
    CHECK(r.data->test.count() == 2);
    CHECK(r.data->train.labels == Bytes{0, 1, 2, 3, 4, 5});
    CHECK(r.data->test.labels == Bytes{8, 9});
    CHECK(r.data->test.images(1, 100) == static_cast<float>(test_pixels[784 + 100]) / 255.f);

    // When both forms are present the plain one is read: a bad .gz beside a good plain file is fine.
    write_raw(dir.path / "train-labels-idx1-ubyte.gz", Bytes{0x1f, 0x8b, 1, 2, 3});
    CHECK(data::read_mnist_dir(dir.path).data.has_value());

    const data::MnistDataResult none = data::read_mnist_dir(dir.path / "nowhere");
    CHECK(contains(none.error, "nowhere: no such folder"));
}

TEST_CASE("bad IDX files are refused with the file's name and the reason") {
    ScratchDirectory dir("bad");
    const fs::path path = dir.path / "train-images-idx3-ubyte";
    const std::string name = path.string() + ": ";

    SUBCASE("missing file") {
        CHECK(images_error(dir.path / "absent") == (dir.path / "absent").string() + ": no such file");
        CHECK(labels_error(dir.path / "absent") == (dir.path / "absent").string() + ": no such file");
        CHECK(images_error(dir.path) == dir.path.string() + ": is a folder, not a file");
    }
    SUBCASE("wrong magic") {
        write_raw(path, concat({be32(0x00000802), be32(0), be32(28), be32(28)}));
        CHECK(images_error(path) == name + "wrong magic number 0x00000802; an IDX image file of unsigned bytes starts with 0x00000803");
        // little-endian, as a hand-written exporter might write it
        write_raw(path, concat({Bytes{3, 8, 0, 0}, be32(0), be32(28), be32(28)}));
        CHECK(contains(images_error(path), "wrong magic number 0x03080000"));
        // the two kinds swapped
        write_raw(path, concat({be32(0x801), be32(1), Bytes{1}}));
        CHECK(images_error(path) == name + "this is an IDX label file (magic 0x00000801), not an image file");
        REQUIRE(data::write_idx_images(path, some_pixels(1), 1, 28, 28, false) == "");
        CHECK(labels_error(path) == name + "this is an IDX image file (magic 0x00000803), not a label file");
        write_raw(path, Bytes{'h', 'e', 'l', 'l', 'o', '\n'});
        CHECK(contains(images_error(path), "wrong magic number 0x68656C6C"));
    }
    SUBCASE("not 28x28") {
        REQUIRE(data::write_idx_images(path, Bytes(2 * 32 * 32), 2, 32, 32, false) == "");
        CHECK(images_error(path) == name + "images are 32x32 pixels; expected 28x28");
        REQUIRE(data::write_idx_images(path, Bytes(28 * 27), 1, 28, 27, true) == "");
        CHECK(images_error(path) == name + "images are 28x27 pixels; expected 28x28");
    }
    SUBCASE("truncated") {
        REQUIRE(data::write_idx_images(path, some_pixels(3), 3, 28, 28, false) == "");
        Bytes bytes = file_bytes(path);
        bytes.pop_back();
        write_raw(path, bytes);
        CHECK(images_error(path) ==
              name + "truncated: the header promises 3 images (2368 bytes with the header) but the file holds 2367 bytes");
        // The same, gzipped: the stream is whole, the IDX inside it is short.
        REQUIRE(data::write_file_bytes(path, bytes, true) == "");
        CHECK(contains(images_error(path), "truncated: the header promises 3 images"));
        // A header cut short, and a header alone.
        write_raw(path, Bytes{0, 0, 8});
        CHECK(images_error(path) == name + "truncated: 3 bytes, too few for an IDX header");
        write_raw(path, concat({be32(0x803), be32(1)}));
        CHECK(images_error(path) == name + "truncated: 8 bytes, fewer than the 16-byte header of an image file");
        // Labels: one short.
        REQUIRE(data::write_idx_labels(path, Bytes{1, 2, 3}, false) == "");
        bytes = file_bytes(path);
        bytes.pop_back();
        write_raw(path, bytes);
        CHECK(labels_error(path) == name + "truncated: the header promises 3 labels (11 bytes with the header) but the file holds 10 bytes");
    }
    SUBCASE("header dimensions of absurd size are refused, not allocated") {
        write_raw(path, concat({be32(0x803), be32(0xFFFFFFFF), be32(28), be32(28), Bytes(784)}));
        CHECK(images_error(path) == name + "truncated: the header promises 4294967295 images (3367254359296 bytes with the header) but the file holds 800 bytes");
        write_raw(path, concat({be32(0x803), be32(1), be32(0xFFFFFFFF), be32(0xFFFFFFFF), Bytes(784)}));
        CHECK(images_error(path) == name + "images are 4294967295x4294967295 pixels; expected 28x28");
        write_raw(path, concat({be32(0x801), be32(0xFFFFFFFF), Bytes{1, 2}}));
        CHECK(contains(labels_error(path), "truncated: the header promises 4294967295 labels"));
    }
    SUBCASE("more bytes than the header promises") {
        REQUIRE(data::write_idx_images(path, some_pixels(2), 2, 28, 28, false) == "");
        Bytes bytes = file_bytes(path);
        bytes.push_back(0);
        write_raw(path, bytes);
        CHECK(images_error(path) == name + "1 bytes follow the 2 images the header promises");
    }
    SUBCASE("labels out of 0-9") {
        REQUIRE(data::write_idx_labels(path, Bytes{0, 9, 4, 10, 2}, true) == "");
        CHECK(labels_error(path) == name + "label 10 at index 3; labels must be 0-9");
        REQUIRE(data::write_idx_labels(path, Bytes{255}, false) == "");
        CHECK(labels_error(path) == name + "label 255 at index 0; labels must be 0-9");
    }
    SUBCASE("image and label counts that differ") {
        const fs::path labels = dir.path / "train-labels-idx1-ubyte";
        REQUIRE(data::write_idx_images(path, some_pixels(3), 3, 28, 28, true) == "");
        REQUIRE(data::write_idx_labels(labels, Bytes{1, 2}, true) == "");
        const data::MnistSetResult r = data::read_mnist_set(path, labels);
        CHECK_FALSE(r.set.has_value());
        CHECK(r.error == path.string() + " holds 3 images but " + labels.string() + " holds 2 labels; they must match one to one");
        // and a set with no images at all
        REQUIRE(data::write_idx_images(path, Bytes{}, 0, 28, 28, false) == "");
        REQUIRE(data::write_idx_labels(labels, Bytes{}, false) == "");
        CHECK(data::read_mnist_set(path, labels).error == name + "holds no images");
    }
    SUBCASE("a corrupt gzip stream") {
        REQUIRE(data::write_idx_images(path, some_pixels(4), 4, 28, 28, true) == "");
        const Bytes good = file_bytes(path);
        REQUIRE(good.size() > 40);
        // cut short: a truncated download
        write_raw(path, Bytes(good.begin(), good.begin() + static_cast<long>(good.size() / 2)));
        CHECK(images_error(path) == name + "corrupt gzip stream: it ends early (a truncated download?)");
        // damaged in the middle: zlib's checks (block structure or the CRC-32) catch it
        Bytes damaged = good;
        for (std::size_t i = 12; i < damaged.size() - 8; i += 5) damaged[i] ^= 0x5A;
        write_raw(path, damaged);
        CHECK(contains(images_error(path), name + "corrupt gzip stream (zlib: "));
        // only the CRC-32 in the trailer is wrong
        damaged = good;
        damaged[damaged.size() - 8] ^= 0xFF;
        write_raw(path, damaged);
        CHECK(images_error(path) == name + "corrupt gzip stream (zlib: incorrect data check)");
        // something other than gzip after the stream
        damaged = good;
        damaged.push_back('x');
        damaged.push_back('y');
        write_raw(path, damaged);
        CHECK(images_error(path) == name + "corrupt gzip stream: 2 bytes of something else after its end");
        // the gzip magic and nothing else
        write_raw(path, Bytes{0x1f, 0x8b});
        CHECK(contains(images_error(path), name + "corrupt gzip stream"));
    }
}

TEST_CASE("the writer refuses pixels that do not fill the images it is told of") {
    ScratchDirectory dir("writer");
    const std::string error = data::write_idx_images(dir.path / "x", Bytes(100), 1, 28, 28, false);
    CHECK(error == (dir.path / "x").string() + ": not written: 100 pixels are not 1 images of 28x28");
    CHECK_FALSE(fs::exists(dir.path / "x"));
    CHECK(data::write_idx_labels(dir.path / "no-such-folder" / "y", Bytes{1}, false) ==
          (dir.path / "no-such-folder" / "y").string() + ": cannot be created");
}
