#pragma once
// Principal component analysis of a table of row vectors (word embeddings), and a 2-D projection
// that glides while the table trains.
//
// PCA alone makes a poor animation: each principal axis is defined only up to its sign, and when
// two components carry nearly the same variance they swap or turn within their plane from one step
// to the next, so the picture flips and spins while the words barely move. StableProjection keeps
// the plane of the two leading components (the best 2-D view of the data) but chooses the pair of
// axes inside that plane, rotation or reflection, that moves the points least since the last frame
// (the orthogonal Procrustes solution).
#include <Eigen/Core>

namespace nn {

using RowTable = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct PrincipalAxes {
    Eigen::RowVectorXd mean;   // [dim]: the rows' mean, subtracted before projecting
    Eigen::MatrixXd axes;      // [dim, k]: unit columns, the directions of most variance first
    Eigen::VectorXd variance;  // [k]: the variance of the rows along each axis
    double total_variance = 0; // summed over every direction
};

// The k leading principal axes of the rows (k <= dim). Needs at least one row.
PrincipalAxes principal_axes(const RowTable& rows, int k);

// rows projected onto axes: [n, k], row i = (rows.row(i) - mean) * axes.
Eigen::MatrixXd project(const RowTable& rows, const PrincipalAxes& axes);

class StableProjection {
public:
    // The rows in 2-D: the plane of the two leading principal axes, turned (and mirrored if need be)
    // to match the previous call's picture as closely as possible. The first call, or a call with a
    // different number of rows or columns, starts afresh (leading axis to the right).
    const Eigen::MatrixX2d& update(const RowTable& rows);
    const Eigen::MatrixX2d& points() const { return points_; }
    // The share of the total variance the picture shows (what a 2-D view loses is the rest).
    double explained() const { return explained_; }
    void clear() { points_.resize(0, 2); }

private:
    Eigen::MatrixX2d points_;
    double explained_ = 0;
};

}  // namespace nn
