#include "nn/transformer/positional_encoding.h"

#include <cmath>

namespace nn {

template <class S>
void PositionalEncoding<S>::sinusoidal_table(MatrixOut<S> table) {
    const Eigen::Index d = table.cols();
    for (Eigen::Index t = 0; t < table.rows(); ++t)
        for (Eigen::Index i = 0; i < d; i += 2) {
            const double angle = double(t) / std::pow(10000.0, double(i) / double(d));
            table(t, i) = S(std::sin(angle));
            if (i + 1 < d) table(t, i + 1) = S(std::cos(angle));
        }
}

template <class S>
void PositionalEncoding<S>::forward(MatrixIn<S> table, int length, MatrixOut<S> x) {
    for (Eigen::Index r = 0; r < x.rows(); ++r) x.row(r) += table.row(r % length);
}

template <class S>
void PositionalEncoding<S>::backward(int length, MatrixIn<S> dx, MatrixMap<S> dtable) {
    for (Eigen::Index r = 0; r < dx.rows(); ++r) dtable.row(r % length) += dx.row(r);
}

template struct PositionalEncoding<float>;
template struct PositionalEncoding<double>;

}  // namespace nn
