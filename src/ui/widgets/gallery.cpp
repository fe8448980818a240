// The widget gallery (--gallery): every plot widget on synthetic data.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <imgui_internal.h>  // ImGuiWindow

namespace ui {

// ---- Gallery ---------------------------------------------------------------------------------------
namespace {

// Deterministic noise in [-1, 1] (an integer hash, so every platform draws the same gallery).
float hash_noise(uint32_t i, uint32_t seed) {
    uint32_t h = i * 0x9E3779B1u ^ (seed + 0x7F4A7C15u) * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    h *= 0x297A2D39u;
    h ^= h >> 15;
    return float(h & 0xFFFFFFu) / float(0xFFFFFF) * 2.f - 1.f;
}

// Roughly normal: the sum of three uniforms, scaled to unit variance.
float gauss_noise(uint32_t i, uint32_t seed) {
    return (hash_noise(i, seed) + hash_noise(i, seed + 101) + hash_noise(i, seed + 202)) * 1.f;
}

struct GalleryData {
    // Training curves.
    std::vector<double> steps, eval_steps;
    std::vector<float> train_loss, val_loss, accuracy;
    // Gradient norms per layer.
    std::vector<double> layers;
    std::vector<float> grad_sigmoid, grad_tanh, grad_relu;
    // Attention.
    std::vector<float> attention;
    std::vector<std::string> tokens;
    // Weights.
    std::vector<float> weights;
    std::vector<std::string> neuron_names, input_names;
    // Embedding.
    std::vector<float> px, py;
    std::vector<int> pclass;
    std::vector<std::string> plabels;
    // Bar chart: per-layer gradient norm of a 20-layer sigmoid network.
    std::vector<float> bar_grad;
    std::vector<std::string> bar_layers;
    std::vector<ImU32> bar_colors;
    // Loss landscape of an elongated bowl and three optimizers' paths over it.
    static constexpr int kLandRows = 128, kLandCols = 128;
    static constexpr double kW1Min = -3, kW1Max = 3, kW2Min = -2, kW2Max = 2;
    std::vector<float> landscape;
    std::vector<float> sgd_w1, sgd_w2, momentum_w1, momentum_w2, adam_w1, adam_w2;
    // Image grid: 12 synthetic 28x28 "digits" (rings and strokes) with predictions.
    std::vector<float> digits;
    std::vector<std::string> digit_captions;
    std::vector<ImU32> digit_colors;
    // Confusion matrix: 10 classes, mostly right, with 4/9 and 3/5 mixed up.
    std::vector<int> confusion;
    std::vector<std::string> digit_names;
    // Gradient norm per layer over training: 20 layers x 500 logged steps.
    static constexpr int kGradSteps = 500;
    std::vector<float> grad_time;

    GalleryData() {
        for (int s = 0; s < 3000; ++s) {
            steps.push_back(s);
            const float decay = std::exp(-float(s) / 450.f);
            float noise = gauss_noise(uint32_t(s), 1) * 0.045f * (0.4f + 2.f * decay);
            if (s % 397 == 123) noise += 0.35f;  // the occasional bad batch
            train_loss.push_back(0.12f + 2.1f * decay + noise);
        }
        for (int s = 0; s < 3000; s += 50) {
            eval_steps.push_back(s);
            const float overfit = s > 1700 ? 0.00011f * float(s - 1700) : 0.f;
            val_loss.push_back(0.24f + 2.05f * std::exp(-float(s) / 520.f) + overfit + 0.012f * hash_noise(uint32_t(s), 2));
            accuracy.push_back(0.93f - 0.83f * std::exp(-float(s) / 380.f) - 0.4f * overfit +
                               0.01f * hash_noise(uint32_t(s), 3));
        }

        for (int l = 1; l <= 20; ++l) {
            layers.push_back(l);
            const float w = 1.f + 0.25f * hash_noise(uint32_t(l), 4);
            grad_sigmoid.push_back(0.9f * std::pow(0.43f, float(l - 1)) * w);
            grad_tanh.push_back(0.8f * std::pow(0.70f, float(l - 1)) * (1.f + 0.2f * hash_noise(uint32_t(l), 5)));
            grad_relu.push_back(0.35f * (1.f + 0.3f * hash_noise(uint32_t(l), 6)));
        }

        tokens = {"the", "cat", "sat", "on", "the", "mat", "and", "then", "it", "fell", "asleep", "."};
        const int n = int(tokens.size());
        attention.assign(size_t(n * n), 0.f);
        for (int i = 0; i < n; ++i) {
            std::vector<float> score(size_t(i + 1));
            float mx = -1e9f;
            for (int j = 0; j <= i; ++j) {
                float s = -0.3f * float(i - j);
                if (j == i) s += 1.6f;
                if (j == i - 1) s += 1.2f;
                if (j == 0) s += 0.9f;                                  // the first token soaks up attention
                if (tokens[size_t(j)] == "cat" && i >= 8) s += 2.6f;    // "it" and what follows look back at "cat"
                if (tokens[size_t(j)] == "mat" && i == 9) s += 1.0f;
                s += 0.3f * hash_noise(uint32_t(i * n + j), 7);
                score[size_t(j)] = s;
                mx = std::max(mx, s);
            }
            float sum = 0;
            for (float& s : score) sum += (s = std::exp(s - mx));
            for (int j = 0; j <= i; ++j) attention[size_t(i * n + j)] = score[size_t(j)] / sum;
        }

        const int rows = 6, cols = 20;
        for (int r = 0; r < rows; ++r) {
            neuron_names.push_back(std::string("n").append(std::to_string(r + 1)));
            for (int c = 0; c < cols; ++c) {
                const float bump = std::exp(-float((c - 3 * r - 3) * (c - 3 * r - 3)) / 18.f);
                const float wave = 0.35f * std::sin(0.55f * float(c) + 1.7f * float(r));
                weights.push_back(std::clamp((r % 2 ? -0.9f : 0.95f) * bump + wave + 0.08f * hash_noise(uint32_t(r * cols + c), 8),
                                             -1.f, 1.f));
            }
        }
        for (int c = 0; c < cols; ++c) input_names.push_back(std::string("x").append(std::to_string(c + 1)));

        const float cx[3] = {-2.2f, 2.0f, 0.3f}, cy[3] = {1.2f, 2.0f, -2.0f};
        const char* names[3][3] = {{"cat", "dog", "horse"}, {"apple", "bread", "soup"}, {"run", "eat", ""}};
        for (int c = 0; c < 3; ++c)
            for (int k = 0; k < 25; ++k) {
                const uint32_t id = uint32_t(c * 100 + k);
                px.push_back(cx[c] + 0.75f * gauss_noise(id, 9));
                py.push_back(cy[c] + 0.6f * gauss_noise(id, 10));
                pclass.push_back(c);
                plabels.push_back(k < 3 ? names[c][k] : "");
            }

        // Sigmoid: the gradient shrinks ~2x per layer, from ~1e-1 at the output to ~1e-7 twenty layers down.
        for (int l = 1; l <= 20; ++l) {
            const float g = 0.1f * std::pow(10.f, -6.f * float(l - 1) / 19.f) * (1.f + 0.3f * hash_noise(uint32_t(l), 11));
            bar_grad.push_back(g);
            bar_layers.push_back(std::to_string(l));
            bar_colors.push_back(g < 1e-4f ? palette_color(5) : palette_color(1));  // vermillion: too small to learn
        }

        // L = 0.5 (a w1^2 + b w2^2), a = 1, b = 10: a long, narrow valley.
        const double a = 1, b = 10;
        for (int r = 0; r < kLandRows; ++r)
            for (int c = 0; c < kLandCols; ++c) {
                const double w1 = kW1Min + (kW1Max - kW1Min) * c / (kLandCols - 1);
                const double w2 = kW2Min + (kW2Max - kW2Min) * r / (kLandRows - 1);
                landscape.push_back(float(0.5 * (a * w1 * w1 + b * w2 * w2)));
            }
        // 60 steps of each optimizer from (-2.5, 1.5); the gradient is (a w1, b w2).
        const int steps = 60;
        {  // plain gradient descent: lr close to the 2/b limit, so it zig-zags across the valley
            double w1 = -2.5, w2 = 1.5;
            const double lr = 0.18;
            for (int t = 0; t <= steps; ++t) {
                sgd_w1.push_back(float(w1));
                sgd_w2.push_back(float(w2));
                w1 -= lr * a * w1;
                w2 -= lr * b * w2;
            }
        }
        {  // momentum (heavy ball): velocity builds up along the valley, and overshoots a little
            double w1 = -2.5, w2 = 1.5, v1 = 0, v2 = 0;
            const double lr = 0.05, beta = 0.8;
            for (int t = 0; t <= steps; ++t) {
                momentum_w1.push_back(float(w1));
                momentum_w2.push_back(float(w2));
                v1 = beta * v1 + a * w1;
                v2 = beta * v2 + b * w2;
                w1 -= lr * v1;
                w2 -= lr * v2;
            }
        }
        {  // Adam: steps of about lr in every direction, whatever the gradient's scale
            double w1 = -2.5, w2 = 1.5, m1 = 0, m2 = 0, s1 = 0, s2 = 0;
            const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
            for (int t = 0; t <= steps; ++t) {
                adam_w1.push_back(float(w1));
                adam_w2.push_back(float(w2));
                const double g1 = a * w1, g2 = b * w2;
                m1 = b1 * m1 + (1 - b1) * g1;
                m2 = b1 * m2 + (1 - b1) * g2;
                s1 = b2 * s1 + (1 - b2) * g1 * g1;
                s2 = b2 * s2 + (1 - b2) * g2 * g2;
                const double c1 = 1 - std::pow(b1, t + 1), c2 = 1 - std::pow(b2, t + 1);
                w1 -= lr * (m1 / c1) / (std::sqrt(s1 / c2) + eps);
                w2 -= lr * (m2 / c1) / (std::sqrt(s2 / c2) + eps);
            }
        }

        // Layer x time: the sigmoid profile, larger early in training, noisy, and one bad batch at step 3100.
        grad_time.resize(size_t(20) * kGradSteps);
        for (int l = 1; l <= 20; ++l)
            for (int k = 0; k < kGradSteps; ++k) {
                const float step = float(k * 10);
                const float base = 0.1f * std::pow(10.f, -6.f * float(l - 1) / 19.f);
                const float early = 1.f + 6.f * std::exp(-step / 700.f);
                const float noise = std::exp(0.35f * gauss_noise(uint32_t(l * 1000 + k), 12));
                const float spike = (k >= 309 && k <= 314) ? 30.f : 1.f;
                grad_time[size_t(l - 1) * kGradSteps + size_t(k)] = base * early * noise * spike;
            }
        // Synthetic digits: a ring for even i, a slanted stroke for odd i, with soft edges.
        for (int i = 0; i < 12; ++i) {
            for (int r = 0; r < 28; ++r)
                for (int c = 0; c < 28; ++c) {
                    const float x = (float(c) - 13.5f) / 10.f, y = (float(r) - 13.5f) / 10.f;
                    float dist;
                    if (i % 2 == 0) {
                        dist = std::fabs(std::sqrt(x * x / (0.5f + 0.04f * float(i)) + y * y) - 0.8f);
                    } else {
                        const float slant = 0.15f * float(i % 5) - 0.3f;
                        dist = std::fabs(x - slant * y) + (std::fabs(y) > 0.9f ? 1.f : 0.f);
                    }
                    digits.push_back(std::clamp(1.f - dist * 5.f, 0.f, 1.f));
                }
            const int truth = i % 2 == 0 ? 0 : 1;
            const bool right = i != 5 && i != 10;
            const int predicted = right ? truth : (truth == 0 ? 6 : 7);
            digit_captions.push_back(std::to_string(predicted) + (right ? " ✓" : " ✗"));
            digit_colors.push_back(right ? IM_COL32(90, 200, 120, 255) : IM_COL32(235, 90, 80, 255));
        }
        for (int r = 0; r < 10; ++r) {
            digit_names.push_back(std::to_string(r));
            for (int c = 0; c < 10; ++c) {
                int n = r == c ? 180 + int(hash_noise(uint32_t(r), 41) * 15.f) : int(std::max(0.f, hash_noise(uint32_t(r * 10 + c), 42) * 4.f));
                if ((r == 4 && c == 9) || (r == 9 && c == 4)) n = 23;
                if ((r == 3 && c == 5) || (r == 5 && c == 3)) n = 14;
                confusion.push_back(n);
            }
        }
    }
};

void heading(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.80f, 1.f, 1.f));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

}  // namespace

void DrawWidgetGallery() {
    static const GalleryData d;

    // Called outside any window: make a full-screen one.
    const ImGuiWindow* current = ImGui::GetCurrentWindowRead();
    const bool own_window = current == nullptr || current->IsFallbackWindow;
    if (own_window) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        ImGui::Begin("Widget gallery", nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings);
    }

    const ImGuiStyle& style = ImGui::GetStyle();
    const float heading_h = ImGui::GetTextLineHeight() + style.ItemSpacing.y;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    // In a small window the plots keep a readable minimum and the window scrolls.
    const float min_h = ImGui::GetFontSize() * 8.f;
    // Heights for a column of plots: its share of what the headings leave.
    auto heights = [&](std::initializer_list<float> shares) {
        const float rest = avail_h - float(shares.size()) * (heading_h + style.ItemSpacing.y);
        std::vector<float> h;
        for (float s : shares) h.push_back(std::max(std::floor(rest * s), min_h));
        return h;
    };
    if (ImGui::BeginTable("##gallery", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoPadOuterX)) {
        ImGui::TableNextRow();

        // Left column: line plots and the bar chart.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.34f, 0.33f, 0.33f});
            heading("Training curves (linear axes)");
            const LineSeries curves[] = {
                {"training loss", d.steps, d.train_loss, 0, 2.5f},
                {"validation loss", d.eval_steps, d.val_loss, 0, 3.f},
                {"accuracy", d.eval_steps, d.accuracy, 0, 3.f},
            };
            LinePlotOptions o;
            o.x_label = "training step";
            o.y_label = "loss / accuracy";
            o.size = ImVec2(0, h[0]);
            PlotLines("##gallery_curves", curves, o);

            heading("Gradient norm per layer (log y axis)");
            const LineSeries grads[] = {
                {"sigmoid", d.layers, d.grad_sigmoid, 0, 3.f},
                {"tanh", d.layers, d.grad_tanh, 0, 3.f},
                {"ReLU", d.layers, d.grad_relu, 0, 3.f},
            };
            LinePlotOptions g;
            g.x_label = "layer (counted from the output)";
            g.y_label = "gradient norm";
            g.log_y = true;
            g.size = ImVec2(0, h[1]);
            PlotLines("##gallery_grads", grads, g);

            heading("20 sigmoid layers (bar chart, log y)");
            BarChartOptions b;
            b.x_label = "layer (counted from the output)";
            b.y_label = "gradient norm";
            b.log_y = true;
            b.colors = d.bar_colors;
            b.reference = 1e-4;
            b.reference_label = "1e-4: too small to learn";
            b.size = ImVec2(0, h[2]);
            BarChart("##gallery_bars", d.bar_grad, d.bar_layers, b);
        }

        // Middle column: the two that need the most room, attention and the loss landscape.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.45f, 0.55f});
            heading("Causal self-attention (attention matrix)");
            AttentionMatrixOptions a;
            a.row_labels = d.tokens;
            a.col_labels = d.tokens;
            a.masked = true;
            a.highlight_row = 2;
            a.v_min = 0;
            a.v_max = 1;
            a.show_values = true;
            a.size = attention_matrix_size(int(d.tokens.size()), int(d.tokens.size()), a,
                                           ImVec2(ImGui::GetContentRegionAvail().x, h[0]));
            AttentionMatrix("##gallery_attention", d.attention, int(d.tokens.size()), int(d.tokens.size()), a);

            heading("Loss landscape, 3 optimizers (field)");
            const FieldPath paths[] = {
                {"gradient descent", d.sgd_w1, d.sgd_w2, 0},
                {"momentum", d.momentum_w1, d.momentum_w2, 0},
                {"Adam", d.adam_w1, d.adam_w2, 0},
            };
            FieldPlotOptions l;
            l.x_label = "w1";
            l.y_label = "w2";
            l.colorbar_label = "loss";
            l.x_min = GalleryData::kW1Min;
            l.x_max = GalleryData::kW1Max;
            l.y_min = GalleryData::kW2Min;
            l.y_max = GalleryData::kW2Max;
            l.log_scale = true;
            l.contour_count = 8;
            l.size = ImVec2(0, h[1]);
            FieldPlot("##gallery_landscape", d.landscape, GalleryData::kLandRows, GalleryData::kLandCols, paths, l);
        }

        // Right column: weights, gradients over training, and the scatter.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.29f, 0.33f, 0.38f});
            heading("Weights, 6 x 20 (diverging)");
            HeatmapOptions w;
            w.row_labels = d.neuron_names;
            w.col_labels = d.input_names;
            w.colorbar_label = "weight";
            w.colormap = Colormap::Diverging;
            w.size = ImVec2(0, h[0]);
            Heatmap("##gallery_weights", d.weights, 6, 20, w);

            heading("Gradient norm over training (flat field)");
            FieldPlotOptions t;
            t.x_label = "training step";
            t.y_label = "layer";
            t.colorbar_label = "gradient norm";
            t.x_min = 0;
            t.x_max = 10.0 * (GalleryData::kGradSteps - 1);
            t.y_min = 1;
            t.y_max = 20;
            t.log_scale = true;
            t.smooth = false;
            t.integer_y_ticks = true;
            t.size = ImVec2(0, h[1]);
            FieldPlot("##gallery_grad_time", d.grad_time, 20, GalleryData::kGradSteps, {}, t);

            heading("Word embeddings, 3 classes (scatter)");
            ScatterOptions s;
            s.x_label = "dimension 1";
            s.y_label = "dimension 2";
            s.class_names = {"animals", "food", "verbs"};
            s.size = ImVec2(0, h[2]);
            Scatter("##gallery_scatter", d.px, d.py, d.pclass, d.plabels, s);
        }

        // Right column: pictures and a classifier's mistakes.
        ImGui::TableNextColumn();
        {
            heading("Digits with predictions (image grid)");
            ImageGridOptions g;
            g.columns = 6;
            ImageGrid("##gallery_digits", d.digits, 12, 28, 28, d.digit_captions, d.digit_colors, g);
            heading("10 digits (confusion matrix)");
            ConfusionMatrixOptions cm;
            cm.row_title = "true digit";
            cm.col_title = "predicted";
            ConfusionMatrix("##gallery_confusion", d.confusion, 10, d.digit_names, cm);
            heading("Words by group, labelled where they fit (word map)");
            WordMapOptions wm;
            wm.x_label = "main direction 1";
            wm.y_label = "main direction 2";
            const int ringed[] = {0};
            wm.ringed = ringed;
            wm.size = ImVec2(0, ImGui::GetFontSize() * 14.f);
            WordMap("##gallery_word_map", d.px, d.py, d.pclass, d.plabels, wm);
        }
        ImGui::EndTable();
    }

    if (own_window) ImGui::End();
}

}  // namespace ui
