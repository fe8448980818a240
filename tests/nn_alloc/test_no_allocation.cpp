// No heap allocation inside a training step once the first step has run. Every allocation in
// this program, Eigen's, the standard library's or OpenMP's, goes through malloc and its
// relatives, which this file replaces (glibc lets a program interpose them) with counting
// versions (under AddressSanitizer, which owns malloc, a hook of the sanitizer counts instead).
// Kept in an executable of its own so the counting touches nothing else; allocation_counter.h
// gives the count to the other tests here.
#include <doctest/doctest.h>

#include <atomic>
#include <cstddef>
#include <random>

#include "allocation_counter.h"
#include "nn/mlp.h"
#include "nn/mlp_trainer.h"

namespace {
std::atomic<long> g_allocations{0};
}

#if defined(__SANITIZE_ADDRESS__)  // GCC's -fsanitize=address (the NNSCOPE_SANITIZE build)
#define NNSCOPE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // Clang's
#define NNSCOPE_ASAN 1
#endif
#endif

#ifdef NNSCOPE_ASAN
// AddressSanitizer owns malloc: replacing it here would hand out glibc's blocks that the sanitizer's
// free then reports as never allocated. The sanitizer calls these hooks on every allocation and free
// (declared here as in <sanitizer/allocator_interface.h>, which GCC does not install).
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void*, std::size_t),
                                                         void (*)(const volatile void*));
namespace {
void count_allocation(const volatile void*, std::size_t) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
}
void ignore_free(const volatile void*) {}
[[maybe_unused]] const int g_hooks_installed =
    __sanitizer_install_malloc_and_free_hooks(count_allocation, ignore_free);
}  // namespace
#else
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
}

extern "C" {
void* malloc(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(p, n);
}
void* memalign(std::size_t alignment, std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_memalign(alignment, n);
}
void* aligned_alloc(std::size_t alignment, std::size_t n) { return memalign(alignment, n); }
int posix_memalign(void** out, std::size_t alignment, std::size_t n) {
    *out = memalign(alignment, n);
    return *out ? 0 : 12;  // ENOMEM
}
}
#endif

long allocations_so_far() { return g_allocations.load(); }

TEST_CASE("the allocation counter sees Eigen's and the standard library's allocations") {
    CHECK(allocations_during([] { nn::Matrix m(100, 100); m.setZero(); }) >= 1);
    CHECK(allocations_during([] { std::vector<int> v(10); v[0] = 1; }) >= 1);
}

TEST_CASE("no allocation inside a training step once the first step has run") {
    struct Case {
        std::vector<int> sizes;
        int batch;
        nn::OptimizerKind optimizer;
        bool residual;
        nn::Loss loss;
    };
    const Case cases[] = {
        {{784, 128, 64, 10}, 1, nn::OptimizerKind::SGD, false, nn::Loss::CrossEntropy},
        {{784, 128, 64, 10}, 8, nn::OptimizerKind::SGD, false, nn::Loss::CrossEntropy},
        {{784, 128, 64, 10}, 64, nn::OptimizerKind::SGD, false, nn::Loss::CrossEntropy},
        {{784, 128, 64, 10}, 256, nn::OptimizerKind::Adam, false, nn::Loss::SquaredError},
        {{2, 16, 16, 16, 16, 1}, 100, nn::OptimizerKind::Momentum, true, nn::Loss::CrossEntropy},
        {{2, 8, 8, 1}, 4, nn::OptimizerKind::SGD, true, nn::Loss::SquaredError},
    };
    for (const Case& c : cases)
        for (int threads : {1, 2}) {
            CAPTURE(c.sizes.front());
            CAPTURE(c.batch);
            CAPTURE(threads);
            std::mt19937_64 rng(1);
            std::uniform_real_distribution<float> u(0.f, 1.f);
            nn::Matrix x(c.batch, c.sizes.front()), t = nn::Matrix::Zero(c.batch, c.sizes.back());
            for (int i = 0; i < c.batch; ++i) {
                for (int j = 0; j < x.cols(); ++j) x(i, j) = u(rng);
                t(i, int(rng() % std::uint64_t(t.cols()))) = 1.f;
            }
            auto mlp = nn::make_mlp<float>(c.sizes, nn::Activation::ReLU, 1, c.residual, c.loss);
            nn::MlpTrainer trainer({c.optimizer, 0.01f}, threads);
            trainer.step(mlp, x, t);  // sizes every buffer
            const long during = allocations_during([&] {
                for (int step = 0; step < 20; ++step) trainer.step(mlp, x, t);
            });
            CHECK(during == 0);
            // The same batch as rows of a data set (here the batch itself, backwards).
            std::vector<int> rows(static_cast<std::size_t>(c.batch));
            for (int i = 0; i < c.batch; ++i) rows[std::size_t(i)] = c.batch - 1 - i;
            trainer.step_rows(mlp, x, t, rows);
            CHECK(allocations_during([&] {
                      for (int step = 0; step < 20; ++step) trainer.step_rows(mlp, x, t, rows);
                  }) == 0);
        }
}
