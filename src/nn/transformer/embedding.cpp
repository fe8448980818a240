#include "nn/transformer/embedding.h"

namespace nn {

template <class S>
void Embedding<S>::forward(std::span<const int> tokens, MatrixOut<S> x) const {
    for (std::size_t i = 0; i < tokens.size(); ++i) x.row(Eigen::Index(i)) = table.row(tokens[i]);
}

template <class S>
void Embedding<S>::backward(std::span<const int> tokens, MatrixIn<S> dx, MatrixMap<S> dtable) {
    for (std::size_t i = 0; i < tokens.size(); ++i) dtable.row(tokens[i]) += dx.row(Eigen::Index(i));
}

template struct Embedding<float>;
template struct Embedding<double>;

}  // namespace nn
