#include "ui/panels/digits/digits_common.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/gl/image_cache.h"
#include "ui/widgets/flow.h"

namespace ui::digits {

std::string shape_text(std::span<const int> sizes) {
    std::string out;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i) out += " → ";
        out += std::to_string(sizes[i]);
    }
    return out;
}

ParameterSum parameter_sum(std::span<const int> sizes) {
    ParameterSum p;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const long long in = sizes[l], out = sizes[l + 1];
        p.total += in * out + out;  // a weight from each input to each neuron, and a bias per neuron
        if (l) p.sum += " + ";
        p.sum += std::to_string(in) + "×" + std::to_string(out) + "+" + std::to_string(out);
    }
    return p;
}

std::string short_percent(float p) {
    if (!std::isfinite(p)) return "?";
    if (p >= 0.995f && p < 1.f) return ">99%";
    if (p > 0.f && p < 0.005f) return "<1%";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", double(std::clamp(p, 0.f, 1.f)) * 100.0);
    return buf;
}

std::vector<std::string> sample_captions(int read, float confidence, int truth) {
    const std::string r = std::to_string(read), t = std::to_string(truth);
    if (read == truth) return {r + " · " + short_percent(confidence), r + " " + short_percent(confidence), r};
    return {"wrong: " + r + " (is " + t + ")", r + " (is " + t + ")", r + "≠" + t};
}

const std::string& first_fitting(const std::vector<std::string>& options, float width) {
    for (const std::string& o : options)
        if (ImGui::CalcTextSize(o.c_str()).x <= width) return o;
    return options.back();
}

GridFit fit_pictures(int most, float w, float h, float least, float largest, float gap, float caption_h) {
    GridFit g;
    g.gap = gap;
    if (most <= 0) return g;
    const int across = std::max(1, int(std::floor((w + gap) / (least + gap))));
    const int down = std::max(1, int(std::floor((h + gap) / (least + caption_h + gap))));
    g.count = std::min(most, across * down);
    float best = -1;
    for (int c = 1; c <= g.count; ++c) {
        const int r = (g.count + c - 1) / c;
        if (c > 1 && (c - 1) * r >= g.count) continue;  // a column would stay empty
        const float by_width = (w - gap * float(c - 1)) / float(c);
        const float by_height = (h - float(r) * (caption_h + gap) + gap) / float(r);
        const float side = std::min({by_width, by_height, largest});
        if (side > best + 0.5f) {  // a tie keeps the fewer columns
            best = side;
            g.columns = c;
            g.rows = r;
        }
    }
    if (best < least) {
        // The area is smaller than one row (or column) of readable pictures: keep them readable,
        // a row of them, and let the panel scroll.
        g.columns = std::min(g.count, across);
        g.rows = (g.count + g.columns - 1) / g.columns;
        best = std::min(least, w);
    }
    g.side = std::max(1.f, std::floor(best));
    return g;
}

const train::DigitsView* digits_view(PanelContext& ctx) {
    const train::DigitsView* v = ctx.snap.view<train::DigitsView>();
    DigitsPanelState& st = ctx.state.digits;
    const std::shared_ptr<const data::MnistSet> test = v ? v->test : nullptr;
    if (test && test != st.pictured_test) {
        // New digits: the old pictures and choices were of other images.
        st.pictured_test = test;
        ++st.test_version;
        st.digit_rgba.clear();
        st.selected = -1;
        st.cell_true = st.cell_read = -1;
    }
    return v;
}

namespace {
const std::vector<ImU32>* digit_rgba(PanelContext& ctx, int index) {
    DigitsPanelState& st = ctx.state.digits;
    const data::MnistSet* test = st.pictured_test.get();
    if (!test || index < 0 || std::size_t(index) >= test->count() || test->images.cols() != data::kMnistPixels) return nullptr;
    auto [it, fresh] = st.digit_rgba.try_emplace(index);
    if (fresh) {
        it->second.resize(data::kMnistPixels);
        const float* px = test->images.data() + std::size_t(index) * data::kMnistPixels;
        for (int i = 0; i < data::kMnistPixels; ++i) {
            const int g = int(std::lround(std::clamp(px[i], 0.f, 1.f) * 255.f));
            it->second[std::size_t(i)] = IM_COL32(g, g, g, 255);
        }
    }
    return &it->second;
}
}  // namespace

ImTextureID digit_texture(PanelContext& ctx, int index) {
    const std::vector<ImU32>* rgba = digit_rgba(ctx, index);
    if (!rgba) return ImTextureID(nullptr);
    const std::uint64_t key = 0x4449474954000000ull + std::uint64_t(index);  // "DIGIT" + index
    return ctx.images.image(key, ctx.state.digits.test_version, data::kMnistSide, data::kMnistSide, *rgba);
}

void draw_digit(PanelContext& ctx, ImDrawList* dl, ImVec2 p0, ImVec2 p1, int index) {
    if (ImTextureID t = digit_texture(ctx, index)) {
        dl->AddImage(t, p0, p1);
        return;
    }
    dl->AddRectFilled(p0, p1, IM_COL32(0, 0, 0, 255));
    const std::vector<ImU32>* rgba = digit_rgba(ctx, index);
    if (!rgba) return;
    const float cw = (p1.x - p0.x) / float(data::kMnistSide), ch = (p1.y - p0.y) / float(data::kMnistSide);
    for (int r = 0; r < data::kMnistSide; ++r)
        for (int c = 0; c < data::kMnistSide; ++c) {
            const ImU32 col = (*rgba)[std::size_t(r * data::kMnistSide + c)];
            if ((col & 0x00FFFFFFu) == 0) continue;
            dl->AddRectFilled(ImVec2(p0.x + cw * float(c), p0.y + ch * float(r)),
                              ImVec2(p0.x + cw * float(c + 1), p0.y + ch * float(r + 1)), col);
        }
}

const train::DigitsEvaluation* measured_digits(PanelContext& ctx, const train::DigitsView*& view) {
    view = digits_view(ctx);
    if (!view || !view->test || view->test->count() == 0) {
        PanelFallback(ctx, "No digits to show yet: ./run.sh installs them into data/mnist (or start nnscope with --mnist-dir DIR).");
        return nullptr;
    }
    if (!view->evaluation || view->evaluation->measured() == 0) {
        PanelFallback(ctx, "The network has not read the test digits yet: press Play or Step.");
        return nullptr;
    }
    return view->evaluation.get();
}

}  // namespace ui::digits
