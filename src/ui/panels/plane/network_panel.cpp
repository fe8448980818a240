// The network as a diagram: neurons in columns, each edge coloured by its weight's sign and as
// thick as its size. In a small network every neuron shows its own output over the plane, so the
// class sees the hidden layer's pieces combine into the final boundary; when training is paused,
// the forward values and backward gradients of the last example are written on the nodes and
// edges. Hovering a neuron or an edge shows its formula with the numbers plugged in.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/gl/image_cache.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui {

namespace {
constexpr ImU32 kValueColor = IM_COL32(235, 235, 240, 255);
constexpr ImU32 kGradColor = IM_COL32(255, 120, 190, 255);  // backward numbers, everywhere in this panel
// Edges get their gradient written on them up to this many; beyond, hover shows it.
constexpr int kMaxLabelledEdges = 24;
constexpr int kMaxDrawnEdges = 2500;

const char* activation_symbol(nn::Activation a) {
    switch (a) {
        case nn::Activation::Sigmoid: return "σ";
        case nn::Activation::Tanh: return "tanh";
        case nn::Activation::ReLU: return "ReLU";
        case nn::Activation::LeakyReLU: return "leaky ReLU";
        case nn::Activation::GELU: return "GELU";
    }
    return "f";
}

// Column c, neuron j: x₁ x₂ for the inputs, h1 h2 ... (first hidden layer), h2.1 ... deeper, ŷ.
std::string node_name(int c, int j, int columns) {
    if (c == 0 && j < 2) return j == 0 ? "x₁" : "x₂";
    if (c + 1 == columns) return "ŷ";
    // Appended piece by piece: GCC 12 warns (falsely, -Wrestrict) about "literal" + std::string.
    std::string name(c == 0 ? "x" : "h");
    if (c > 0 && columns > 3) name.append(std::to_string(c)).append(".");
    return name.append(std::to_string(j + 1));
}

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy + 1e-6f), 0.f, 1.f);
    const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

std::string num(double v) {
    if (std::abs(v) < 1e-12) v = 0;  // no "-0"
    char buf[32];
    std::snprintf(buf, sizeof buf, std::abs(v) >= 1e-3 || v == 0 ? "%.3g" : "%.2e", v);
    return buf;
}

std::string fixed(double v, int decimals) {
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0.000"
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// A short label on a dark tag, readable over edges.
void tag(ImDrawList* dl, ImFont* font, float size, ImVec2 centre, ImU32 color, const std::string& text) {
    const ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0, text.c_str());
    const ImVec2 p0(std::floor(centre.x - ts.x * 0.5f - 3), std::floor(centre.y - ts.y * 0.5f - 1));
    dl->AddRectFilled(p0, ImVec2(p0.x + ts.x + 6, p0.y + ts.y + 2), IM_COL32(20, 22, 28, 220), 3.f);
    dl->AddText(font, size, ImVec2(p0.x + 3, p0.y + 1), color, text.c_str());
}

// A neuron's output over the plane, coloured like the plane: blue low, white in the middle,
// orange high. Sigmoid outputs are centred on 0.5, the others on 0.
std::vector<ImU32> field_pixels(const std::vector<float>& v, int n, float centre) {
    float spread = 1e-6f;
    for (float x : v) spread = std::max(spread, std::abs(x - centre));
    std::vector<ImU32> rgba(std::size_t(n) * std::size_t(n));
    for (int r = 0; r < n; ++r)  // the field's row 0 is at the bottom; an image's is at the top
        for (int c = 0; c < n; ++c)
            rgba[std::size_t(n - 1 - r) * std::size_t(n) + std::size_t(c)] =
                colormap_color(Colormap::Diverging, 0.5f + 0.5f * (v[std::size_t(r) * std::size_t(n) + std::size_t(c)] - centre) / spread);
    return rgba;
}

std::vector<float> input_ramp(int n, int axis) {
    std::vector<float> v(std::size_t(n) * std::size_t(n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) v[std::size_t(r) * std::size_t(n) + std::size_t(c)] = float(axis == 0 ? c : r) / float(n - 1) - 0.5f;
    return v;
}
}  // namespace

void NetworkPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (plane_view(s).layers.empty() || !is_plane_model(s, train::ModelKind::Mlp)) {
        PanelFallback(ctx, "The network view shows a multi-layer network.");
        return;
    }
    const float fs = ctx.fonts.base_size;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool fields = plane_view(s).neuron_fields.has_value();
    const bool paused = s.state != train::RunState::Running;
    const train::Probe* probe_data = paused && plane_view(s).probe ? &*plane_view(s).probe : nullptr;

    // Columns: inputs, each hidden layer, output.
    std::vector<int> widths = {int(plane_view(s).layers[0].W.cols())};
    for (const auto& l : plane_view(s).layers) widths.push_back(int(l.W.rows()));
    const int columns = int(widths.size());
    const int tallest = *std::max_element(widths.begin(), widths.end());
    const float column_gap = (avail.x - fs * 4.f) / float(std::max(1, columns - 1));
    // Node sizes from the height left after a key of at most four lines.
    const float rough_height = std::max(fs * 6.f, avail.y - ImGui::GetTextLineHeightWithSpacing() * 4.f);
    // Half the size of a node: a square picture when the fields are shown, else a circle.
    const float half = std::clamp(std::min(rough_height / (2.5f * float(tallest)), column_gap * 0.24f), 3.f, fs * 1.9f);
    // This example's numbers are written on the diagram when there is room for two lines under
    // every node and a label along every edge; otherwise hovering shows them.
    const bool room = rough_height / float(tallest) >= 2.f * half + fs * 2.2f && column_gap >= fs * 9.f;
    const train::Probe* probe = room ? probe_data : nullptr;

    std::string key = std::to_string(s.parameter_count) + " parameters. Edges: orange positive weight, blue negative.";
    if (fields) key += " Squares: each neuron's output over the plane.";
    if (probe) key += " White: values going forward; pink: gradients coming back.";
    else if (probe_data) key += " Hover a neuron or an edge for this example's numbers.";
    else if (plane_view(s).probe) key += " Pause or step to see one example's numbers.";
    key += " Hover for formulas.";
    const float key_height = ImGui::CalcTextSize(key.c_str(), nullptr, false, avail.x).y + ImGui::GetStyle().ItemSpacing.y * 2;
    const float height = std::max(fs * 6.f, avail.y - key_height);
    auto pos = std::vector<std::vector<ImVec2>>(std::size_t(columns));
    for (int c = 0; c < columns; ++c)
        for (int i = 0; i < widths[std::size_t(c)]; ++i)
            pos[std::size_t(c)].push_back(ImVec2(std::floor(origin.x + fs * 2.f + column_gap * float(c)),
                                                 std::floor(origin.y + height * (float(i) + 0.5f) / float(widths[std::size_t(c)]))));

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool hovered_window = ImGui::IsWindowHovered();
    std::vector<std::string> tooltip;
    long edges = 0;
    for (const auto& l : plane_view(s).layers) edges += long(l.W.size());
    const float lr = s.config.learning_rate;

    // ---- Edges ----
    if (edges <= kMaxDrawnEdges) {
        for (int l = 0; l + 1 < columns; ++l) {
            const nn::Matrix& W = plane_view(s).layers[std::size_t(l)].W;
            const float max_w = std::max(1e-6f, W.cwiseAbs().maxCoeff());
            for (int i = 0; i < W.rows(); ++i)
                for (int j = 0; j < W.cols(); ++j) {
                    const float w = W(i, j);
                    // Whole pixels: ImGui then draws the line from its baked texture, with fewer triangles.
                    const float thickness = std::round(1.f + (half > 8 ? 6.f : 2.f) * std::abs(w) / max_w);
                    const ImVec2 a(pos[std::size_t(l)][std::size_t(j)].x + half, pos[std::size_t(l)][std::size_t(j)].y);
                    const ImVec2 b(pos[std::size_t(l) + 1][std::size_t(i)].x - half, pos[std::size_t(l) + 1][std::size_t(i)].y);
                    dl->AddLine(a, b, w >= 0 ? kPositiveColor : kNegativeColor, thickness);
                    const bool here = hovered_window && distance_to_segment(mouse, a, b) < 5.f;
                    double grad = 0;
                    if (probe_data)
                        grad = double(probe_data->a[std::size_t(l)][std::size_t(j)]) * probe_data->dz[std::size_t(l)][std::size_t(i)];
                    if (probe && edges <= kMaxLabelledEdges) {
                        // Staggered along the edge so that labels of edges into one neuron do not pile up.
                        const float t = 0.28f + 0.44f * (float(j) + 0.5f) / float(W.cols());
                        tag(dl, ctx.fonts.regular, fs * 0.8f, ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), kGradColor,
                            num(grad));
                    }
                    if (here) {
                        const std::string from = node_name(l, j, columns), to = node_name(l + 1, i, columns);
                        // One step moves a weight by 1e-6 to 1e-3: at three significant figures a
                        // class stepping and following one weight would see "3.46" forever, so the
                        // weight gets as many decimals as the move needs to show.
                        const double move = probe_data ? -double(lr) * grad : 0.0;
                        const int decimals = std::abs(move) > 0 ? std::clamp(int(std::ceil(-std::log10(std::abs(move)))) + 1, 3, 8) : 3;
                        tooltip = {"weight from " + from + " to " + to + ":  w = " + fixed(w, decimals)};
                        if (probe_data) {
                            tooltip.push_back("∂L/∂w = " + from + " · δ(" + to + ") = " +
                                              num(probe_data->a[std::size_t(l)][std::size_t(j)]) + " × " +
                                              num(probe_data->dz[std::size_t(l)][std::size_t(i)]) + " = " + num(grad));
                            tooltip.push_back("this example alone would move it by −η·∂L/∂w = " + num(move) + ", to " +
                                              fixed(double(w) + move, decimals));
                        }
                    }
                }
        }
    }

    // ---- Nodes ----
    const std::uint64_t version = s.version;
    for (int c = 0; c < columns; ++c) {
        for (int i = 0; i < widths[std::size_t(c)]; ++i) {
            const ImVec2 p = pos[std::size_t(c)][std::size_t(i)];
            const bool output = c + 1 == columns;
            const ImU32 ring = (c == 1 && columns == 3) ? hidden_neuron_color(i) : IM_COL32(220, 220, 225, 255);
            const ImVec2 p0(p.x - half, p.y - half), p1(p.x + half, p.y + half);
            ImTextureID picture = ImTextureID(nullptr);
            if (fields) {
                const std::uint64_t key = 0x4E455457ull * 1000003ull + std::uint64_t(c) * 1009ull + std::uint64_t(i);
                if (c == 0) {
                    const int n = 16;
                    picture = ctx.images.image(key, 0, n, n, field_pixels(input_ramp(n, i), n, 0.f));
                } else if (output) {
                    picture = ctx.images.image(key, version, plane_view(s).field.resolution, plane_view(s).field.resolution,
                                               field_pixels(plane_view(s).field.values, plane_view(s).field.resolution, 0.5f));
                } else {
                    const auto& v = plane_view(s).neuron_fields->values[std::size_t(c) - 1][std::size_t(i)];
                    const float centre = s.config.activation == nn::Activation::Sigmoid ? 0.5f : 0.f;
                    picture = ctx.images.image(key, version, plane_view(s).neuron_fields->resolution, plane_view(s).neuron_fields->resolution,
                                               field_pixels(v, plane_view(s).neuron_fields->resolution, centre));
                }
            }
            if (picture) {
                dl->AddImage(picture, p0, p1);
                dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1), ring, 2.f, 0, 3.f);
            } else {
                dl->AddCircleFilled(p, half, IM_COL32(35, 38, 46, 255));
                dl->AddCircle(p, half, ring, 0, half > 6 ? 3.f : 1.5f);
            }
            const std::string name = node_name(c, i, columns);
            if (half >= fs * 0.7f) {
                if (picture) tag(dl, ctx.fonts.bold, fs * 0.8f, ImVec2(p0.x + fs * 0.55f, p0.y + fs * 0.45f), IM_COL32_WHITE, name);
                else {
                    const ImVec2 ts = ImGui::CalcTextSize(name.c_str());
                    dl->AddText(ImVec2(p.x - ts.x / 2, p.y - ts.y / 2), IM_COL32_WHITE, name.c_str());
                }
            }
            if (probe) {
                // Forward value under the node, backward gradient under that.
                const float value = c == 0 ? probe->a[0][std::size_t(i)]
                                  : output ? probe->output
                                           : probe->a[std::size_t(c)][std::size_t(i)];
                tag(dl, ctx.fonts.regular, fs * 0.82f, ImVec2(p.x, p1.y + fs * 0.5f), kValueColor, num(value));
                if (c > 0)
                    tag(dl, ctx.fonts.regular, fs * 0.82f, ImVec2(p.x, p1.y + fs * 1.35f), kGradColor,
                        "δ " + num(probe->dz[std::size_t(c) - 1][std::size_t(i)]));
            }
            const bool here = hovered_window && mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y;
            if (!here || c == 0) {
                if (here) tooltip = {name + ": input " + std::to_string(i + 1) + " of the example" +
                                     (probe_data ? " = " + num(probe_data->a[0][std::size_t(i)]) : std::string())};
                continue;
            }
            // The formula of neuron i of column c, with today's numbers.
            const nn::Matrix& W = plane_view(s).layers[std::size_t(c) - 1].W;
            const float bias = plane_view(s).layers[std::size_t(c) - 1].b(i);
            std::string sum, plugged;
            for (int j = 0; j < W.cols(); ++j) {
                const float w = W(i, j);
                const std::string sign = j == 0 ? (w < 0 ? "−" : "") : (w < 0 ? " − " : " + ");
                sum += sign + num(std::abs(w)) + "·" + node_name(c - 1, j, columns);
                if (probe_data) plugged += sign + num(std::abs(w)) + "·" + num(probe_data->a[std::size_t(c) - 1][std::size_t(j)]);
            }
            const std::string b_text = std::string(bias < 0 ? " − " : " + ") + num(std::abs(bias));
            const std::string f = output ? "σ" : activation_symbol(s.config.activation);
            tooltip = {name + " = " + f + "(z)", "z = " + sum + b_text};
            if (probe_data) {
                const float z = probe_data->z[std::size_t(c) - 1][std::size_t(i)];
                tooltip.push_back("  = " + plugged + b_text + " = " + num(z));
                const float value = output ? probe_data->output : probe_data->a[std::size_t(c)][std::size_t(i)];
                tooltip.push_back(name + " = " + f + "(" + num(z) + ") = " + num(value));
                const float delta = probe_data->dz[std::size_t(c) - 1][std::size_t(i)];
                if (output) {
                    tooltip.push_back("label " + std::to_string(probe_data->label) + ", loss " + num(probe_data->loss) +
                                      ";  δ = ∂L/∂z = " + num(delta));
                } else {
                    const double slope = nn::activation_slope(s.config.activation, z);
                    tooltip.push_back("δ = ∂L/∂z = " + f + "′(z) × (weights out · δ above) = " + num(slope) + " × " +
                                      (slope != 0 ? num(delta / slope) : std::string("…")) + " = " + num(delta));
                }
            }
        }
    }
    ImGui::Dummy(ImVec2(avail.x, height));

    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%s", key.c_str());
    ImGui::PopStyleColor();
    if (!tooltip.empty()) {
        ImGui::BeginTooltip();
        for (const std::string& line : tooltip) ImGui::TextUnformatted(line.c_str());
        ImGui::EndTooltip();
    }
}

}  // namespace ui
