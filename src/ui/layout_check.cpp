#include "ui/layout_check.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include <imgui.h>
#include <imgui_internal.h>

namespace ui {

namespace {

std::string fmt(const char* format, ...) IM_FMTARGS(1);
std::string fmt(const char* format, ...) {
    char buf[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

void append_utf8(std::string& s, unsigned c) {
    char buf[5];
    s += ImTextCharToUtf8(buf, c);
}

// A quoted excerpt of a string for a message: at most 48 code points.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    int points = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++points > 48) {
            out += "…";
            break;
        }
        out += s[i];
    }
    return out + "\"";
}

std::uint64_t uv_key(float u, float v) {
    std::uint32_t a, b;
    std::memcpy(&a, &u, 4);
    std::memcpy(&b, &v, 4);
    return (std::uint64_t(a) << 32) | b;
}

// Every visible glyph of every font in the atlas, found by any corner of its UV rectangle: a glyph
// that ImGui clipped on the CPU (text squeezed into a frame) keeps at least one corner exact.
struct GlyphIndex {
    struct Entry {
        const ImFont* font;
        const ImFontGlyph* glyph;
    };
    std::vector<Entry> entries;
    std::unordered_map<std::uint64_t, int> corner[4];  // top-left, top-right, bottom-right, bottom-left

    explicit GlyphIndex(const ImFontAtlas* atlas) {
        std::size_t n = 0;
        for (const ImFont* f : atlas->Fonts) n += std::size_t(f->Glyphs.Size);
        entries.reserve(n);
        for (auto& m : corner) m.reserve(n * 2);
        for (const ImFont* f : atlas->Fonts)
            for (const ImFontGlyph& g : f->Glyphs) {
                if (!g.Visible || g.U1 <= g.U0 || g.V1 <= g.V0) continue;
                const int id = int(entries.size());
                entries.push_back({f, &g});
                corner[0].emplace(uv_key(g.U0, g.V0), id);
                corner[1].emplace(uv_key(g.U1, g.V0), id);
                corner[2].emplace(uv_key(g.U1, g.V1), id);
                corner[3].emplace(uv_key(g.U0, g.V1), id);
            }
    }

    // The glyph whose UV rectangle this quad shows (all of it, or a part keeping one corner), or -1.
    int find(float u0, float v0, float u1, float v1, bool& exact) const {
        const float us[4] = {u0, u1, u1, u0}, vs[4] = {v0, v0, v1, v1};
        for (int c = 0; c < 4; ++c) {
            const auto it = corner[c].find(uv_key(us[c], vs[c]));
            if (it == corner[c].end()) continue;
            const ImFontGlyph& g = *entries[std::size_t(it->second)].glyph;
            constexpr float eps = 1e-6f;
            if (u0 < g.U0 - eps || u1 > g.U1 + eps || v0 < g.V0 - eps || v1 > g.V1 + eps) continue;
            exact = u0 == g.U0 && v0 == g.V0 && u1 == g.U1 && v1 == g.V1;
            return it->second;
        }
        return -1;
    }
};

// One glyph as drawn.
struct DrawnGlyph {
    int entry;          // in GlyphIndex::entries
    int list;           // index in ImDrawData::CmdLists
    int run = -1;       // the piece of text it belongs to
    bool cpu_clipped;   // ImGui cut it itself (text squeezed into a frame)
    ImRect quad;        // as drawn
    ImRect full;        // the whole glyph, before any clipping
    ImRect clip;        // the draw command's clip rectangle
    float scale;        // drawn size / the font's size
    float origin_x, line_y;  // pen position of the text line
};

struct Run {
    int list;
    int first, last;  // DrawnGlyph indices
    int group;        // runs that are copies of one text (halos) share a group
    std::string text;
};

// At most `limit` problems of one kind for one window (0: no limit), then one line saying how many
// more: a plot whose tick labels all run together should not bury the rest of the report.
class Limited {
public:
    Limited(std::vector<LayoutProblem>& out, int limit, const char* kind) : out_(out), limit_(limit), kind_(kind) {}
    void add(const std::string& window, std::string what) {
        int& n = counts_[window];
        if (limit_ <= 0 || n < limit_) out_.push_back({window, std::move(what)});
        else if (n == limit_) order_.push_back(window);
        ++n;
    }
    void finish() {
        for (const std::string& w : order_)
            out_.push_back({w, fmt("... and %d more %s", counts_[w] - limit_, kind_)});
    }

private:
    std::vector<LayoutProblem>& out_;
    int limit_;
    const char* kind_;
    std::unordered_map<std::string, int> counts_;
    std::vector<std::string> order_;
};

// A window's name for a message: a child window's "Parent/child_1A2B3C4D" loses its ID suffixes.
std::string name(const ImGuiWindow* w) {
    std::string n = w->Name;
    std::string out;
    std::size_t start = 0;
    while (start <= n.size()) {
        std::size_t end = n.find('/', start);
        if (end == std::string::npos) end = n.size();
        std::string part = n.substr(start, end - start);
        if ((w->Flags & ImGuiWindowFlags_ChildWindow) && part.size() > 9 && part[part.size() - 9] == '_' &&
            part.find_first_not_of("0123456789ABCDEF", part.size() - 8) == std::string::npos)
            part.resize(part.size() - 9);
        out += (start == 0 ? "" : "/") + part;
        start = end + 1;
    }
    return out;
}

bool is_internal(const ImGuiWindow* w) {
    return std::strncmp(w->Name, "Debug##", 7) == 0;
}

bool is_overlay(const ImGuiWindow* w) {
    const ImGuiWindowFlags overlay = ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_Modal;
    for (const ImGuiWindow* p = w; p; p = p->ParentWindow)
        if (p->Flags & overlay) return true;
    return (w->RootWindow && (w->RootWindow->Flags & overlay)) != 0;
}

bool checked(const ImGuiWindow* w) {
    return w->Active && !w->Hidden && !w->Collapsed && !is_internal(w) && !is_overlay(w);
}

// Whether this window, or a window it is a child of, shows a scrollbar on that axis.
bool scrolls(const ImGuiWindow* w, int axis) {
    for (; w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr)
        if (axis == 0 ? w->ScrollbarX : w->ScrollbarY) return true;
    return false;
}

void check_windows(const ImGuiContext& g, const LayoutCheckOptions& o, std::vector<LayoutProblem>& out) {
    // Windows (not child windows) on the screen: inside it, and not over one another.
    std::vector<const ImGuiWindow*> roots;
    for (const ImGuiWindow* w : g.Windows)
        if (checked(w) && !(w->Flags & ImGuiWindowFlags_ChildWindow)) roots.push_back(w);
    const ImVec2 display = g.IO.DisplaySize;
    for (std::size_t i = 0; i < roots.size(); ++i) {
        const ImGuiWindow* w = roots[i];
        const ImRect r = w->Rect();
        const float beyond[4] = {-r.Min.x, -r.Min.y, r.Max.x - display.x, r.Max.y - display.y};
        const char* edges[4] = {"left", "top", "right", "bottom"};
        for (int e = 0; e < 4; ++e)
            if (beyond[e] >= o.min_overflow)
                out.push_back({name(w), fmt("the window reaches %.0f px beyond the %s edge of the screen", beyond[e], edges[e])});
        for (std::size_t j = i + 1; j < roots.size(); ++j) {
            ImRect both = r;
            both.ClipWithFull(roots[j]->Rect());
            if (both.GetWidth() >= o.min_overflow && both.GetHeight() >= o.min_overflow)
                out.push_back({name(w), fmt("the window overlaps window %s by %.0f x %.0f px", name(roots[j]).c_str(),
                                            both.GetWidth(), both.GetHeight())});
        }
    }
    for (const ImGuiWindow* w : g.Windows) {
        if (!checked(w)) continue;
        // What the content needs this frame (as ImGui will compute ContentSize at the next Begin),
        // and what ImGui found at this frame's Begin (from the frame before): the worse of the two.
        float overflow[2];
        float needed[2];
        for (int axis = 0; axis < 2; ++axis) {
            const float explicit_size = axis == 0 ? w->ContentSizeExplicit.x : w->ContentSizeExplicit.y;
            const float now = explicit_size != 0.f
                                  ? explicit_size
                                  : std::floor(axis == 0 ? w->DC.CursorMaxPos.x - w->DC.CursorStartPos.x
                                                         : w->DC.CursorMaxPos.y - w->DC.CursorStartPos.y);
            const float pad = 2.f * (axis == 0 ? w->WindowPadding.x : w->WindowPadding.y);
            const float inner = axis == 0 ? w->InnerRect.GetWidth() : w->InnerRect.GetHeight();
            const float scroll_max = axis == 0 ? w->ScrollMax.x : w->ScrollMax.y;
            overflow[axis] = std::max(scroll_max, now + pad - inner);
            needed[axis] = std::max(now, (axis == 0 ? w->ContentSize.x : w->ContentSize.y)) + pad;
        }
        if (overflow[0] >= o.min_overflow)
            out.push_back({name(w), fmt("content is %.0f px wider than the window (needs %.0f px, shows %.0f px): %s",
                                        overflow[0], needed[0], w->InnerRect.GetWidth(),
                                        w->ScrollbarX ? "it scrolls sideways" : "cut off on the right, no scrollbar")});
        if (overflow[1] >= o.min_overflow && !w->ScrollbarY)
            out.push_back({name(w), fmt("content is %.0f px taller than the window (needs %.0f px, shows %.0f px) "
                                        "and there is no vertical scrollbar",
                                        overflow[1], needed[1], w->InnerRect.GetHeight())});
    }
}

bool intersects(const ImRect& a, const ImRect& b) {
    return a.Min.x < b.Max.x && b.Min.x < a.Max.x && a.Min.y < b.Max.y && b.Min.y < a.Max.y;
}

ImRect intersection(ImRect a, const ImRect& b) {
    a.ClipWithFull(b);
    return a;
}

void check_text(const ImGuiContext& g, const ImDrawData* dd, const LayoutCheckOptions& o,
                std::vector<LayoutProblem>& out) {
    const ImFontAtlas* atlas = g.IO.Fonts;
    const GlyphIndex index(atlas);

    // Which window draws each list; lists of popups, tooltips and internal windows are not read.
    std::unordered_map<const ImDrawList*, const ImGuiWindow*> owner;
    for (const ImGuiWindow* w : g.Windows)
        if (w->DrawList) owner[w->DrawList] = w;
    std::vector<const ImGuiWindow*> list_window(std::size_t(dd->CmdListsCount), nullptr);
    std::vector<bool> list_checked(std::size_t(dd->CmdListsCount), true);
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const auto it = owner.find(dd->CmdLists[l]);
        if (it == owner.end()) continue;  // the foreground / background lists: checked, no window
        list_window[std::size_t(l)] = it->second;
        list_checked[std::size_t(l)] = checked(it->second);
    }
    const auto list_name = [&](int l) -> std::string {
        if (const ImGuiWindow* w = list_window[std::size_t(l)]) return name(w);
        const char* n = dd->CmdLists[l]->_OwnerName;
        return n && *n ? n : "(overlay drawing)";
    };

    // 1. The glyph quads, in drawing order.
    std::vector<DrawnGlyph> glyphs;
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        if (!list_checked[std::size_t(l)]) continue;
        const ImDrawList* dl = dd->CmdLists[l];
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas->TexID || cmd.ElemCount < 6) continue;
            const ImDrawIdx* idx = dl->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = dl->VtxBuffer.Data + cmd.VtxOffset;
            const ImRect clip(cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w);
            unsigned i = 0;
            while (i + 6 <= cmd.ElemCount) {
                // ImFont::RenderText writes each glyph as 4 vertices (TL, TR, BR, BL) and indices a, a+1, a+2, a, a+2, a+3.
                const unsigned a = idx[i];
                const bool pattern = idx[i + 1] == ImDrawIdx(a + 1) && idx[i + 2] == ImDrawIdx(a + 2) &&
                                     idx[i + 3] == ImDrawIdx(a) && idx[i + 4] == ImDrawIdx(a + 2) &&
                                     idx[i + 5] == ImDrawIdx(a + 3) &&
                                     cmd.VtxOffset + a + 3 < unsigned(dl->VtxBuffer.Size);
                if (!pattern) {
                    i += 3;
                    continue;
                }
                const ImDrawVert* v = vtx + a;
                const bool quad = v[1].pos.y == v[0].pos.y && v[2].pos.x == v[1].pos.x && v[3].pos.x == v[0].pos.x &&
                                  v[3].pos.y == v[2].pos.y && v[1].uv.y == v[0].uv.y && v[2].uv.x == v[1].uv.x &&
                                  v[3].uv.x == v[0].uv.x && v[3].uv.y == v[2].uv.y && v[2].pos.x > v[0].pos.x &&
                                  v[2].pos.y > v[0].pos.y && v[2].uv.x > v[0].uv.x && v[2].uv.y > v[0].uv.y;
                bool exact = false;
                const int entry = quad ? index.find(v[0].uv.x, v[0].uv.y, v[2].uv.x, v[2].uv.y, exact) : -1;
                if (entry < 0) {
                    i += 3;
                    continue;
                }
                i += 6;
                const ImFontGlyph& gl = *index.entries[std::size_t(entry)].glyph;
                DrawnGlyph d;
                d.entry = entry;
                d.list = l;
                d.cpu_clipped = !exact;
                d.quad = ImRect(v[0].pos, v[2].pos);
                d.clip = clip;
                // The whole glyph: a CPU-clipped quad is extended by the UV it lost.
                const float px_per_u = d.quad.GetWidth() / (v[2].uv.x - v[0].uv.x);
                const float px_per_v = d.quad.GetHeight() / (v[2].uv.y - v[0].uv.y);
                d.full = ImRect(d.quad.Min.x - (v[0].uv.x - gl.U0) * px_per_u, d.quad.Min.y - (v[0].uv.y - gl.V0) * px_per_v,
                                d.quad.Max.x + (gl.U1 - v[2].uv.x) * px_per_u, d.quad.Max.y + (gl.V1 - v[2].uv.y) * px_per_v);
                d.scale = gl.Y1 > gl.Y0 ? d.full.GetHeight() / (gl.Y1 - gl.Y0)
                                        : (gl.X1 > gl.X0 ? d.full.GetWidth() / (gl.X1 - gl.X0) : 1.f);
                d.origin_x = d.full.Min.x - gl.X0 * d.scale;
                d.line_y = d.full.Min.y - gl.Y0 * d.scale;
                glyphs.push_back(d);
            }
        }
    }

    // 2. Runs: consecutive glyphs of one font and size on one line, each starting at or after the
    // previous one's advance and less than an em after it (a wider gap starts a new run, so that
    // the labels of neighbouring widgets are named apart). Text drawn back over text always starts
    // a new run; glyphs of one run are never checked against each other.
    std::vector<Run> runs;
    for (std::size_t k = 0; k < glyphs.size(); ++k) {
        DrawnGlyph& d = glyphs[k];
        const auto& e = index.entries[std::size_t(d.entry)];
        bool join = false;
        if (k > 0 && !runs.empty()) {
            const DrawnGlyph& p = glyphs[k - 1];
            const auto& pe = index.entries[std::size_t(p.entry)];
            const float em = e.font->FontSize * d.scale;
            const float pen = p.origin_x + pe.glyph->AdvanceX * p.scale;
            join = p.list == d.list && pe.font == e.font && std::fabs(p.scale - d.scale) <= 0.01f * d.scale &&
                   std::fabs(p.line_y - d.line_y) <= 0.5f && d.origin_x >= pen - 0.5f && d.origin_x <= pen + 0.9f * em;
            if (join) {
                Run& r = runs.back();
                if (d.origin_x > pen + 0.2f * em) r.text += ' ';
                append_utf8(r.text, e.glyph->Codepoint);
                r.last = int(k);
            }
        }
        if (!join) {
            Run r;
            r.list = d.list;
            r.first = r.last = int(k);
            r.group = int(runs.size());
            append_utf8(r.text, e.glyph->Codepoint);
            runs.push_back(std::move(r));
        }
        d.run = int(runs.size()) - 1;
    }

    // Halos and shadows: the same string in the same font drawn again a pixel or two away is one text.
    {
        std::unordered_map<std::string, std::vector<int>> by_text;
        for (std::size_t r = 0; r < runs.size(); ++r) {
            const DrawnGlyph& first = glyphs[std::size_t(runs[r].first)];
            const std::string key = runs[r].text + '\x01' +
                                    std::to_string(reinterpret_cast<std::uintptr_t>(index.entries[std::size_t(first.entry)].font)) +
                                    '\x01' + std::to_string(runs[r].list);
            auto& same = by_text[key];
            for (int other : same) {
                const DrawnGlyph& f = glyphs[std::size_t(runs[std::size_t(other)].first)];
                if (std::fabs(f.origin_x - first.origin_x) <= o.halo && std::fabs(f.line_y - first.line_y) <= o.halo) {
                    runs[r].group = runs[std::size_t(other)].group;
                    break;
                }
            }
            same.push_back(int(r));
        }
    }

    // 3. Text over text: the visible part of each glyph, shrunk a little, against every glyph of
    // another text nearby (a grid of cells keeps it linear in practice).
    struct Box {
        ImRect r;
        int glyph;
    };
    std::vector<Box> boxes;
    boxes.reserve(glyphs.size());
    for (std::size_t k = 0; k < glyphs.size(); ++k) {
        const DrawnGlyph& d = glyphs[k];
        ImRect r = intersection(d.quad, d.clip);
        if (r.Min.x >= r.Max.x || r.Min.y >= r.Max.y) continue;  // clipped away: not seen
        const float s = std::max(o.min_shrink, o.shrink * std::min(d.full.GetWidth(), d.full.GetHeight()));
        r.Expand(-s);
        if (r.Min.x >= r.Max.x || r.Min.y >= r.Max.y) continue;
        boxes.push_back({r, int(k)});
    }
    constexpr float kCell = 64.f;
    std::unordered_map<std::uint64_t, std::vector<int>> grid;
    const auto cell_key = [](int cx, int cy) { return (std::uint64_t(std::uint32_t(cx)) << 32) | std::uint32_t(cy); };
    for (std::size_t b = 0; b < boxes.size(); ++b) {
        const ImRect& r = boxes[b].r;
        for (int cy = int(std::floor(r.Min.y / kCell)); cy <= int(std::floor(r.Max.y / kCell)); ++cy)
            for (int cx = int(std::floor(r.Min.x / kCell)); cx <= int(std::floor(r.Max.x / kCell)); ++cx)
                grid[cell_key(cx, cy)].push_back(int(b));
    }
    struct PairHash {
        std::size_t operator()(const std::pair<int, int>& p) const {
            return std::hash<std::uint64_t>()((std::uint64_t(std::uint32_t(p.first)) << 32) | std::uint32_t(p.second));
        }
    };
    // A halo copy cut differently by a clip rectangle has fewer glyphs than the text it shadows:
    // a run every glyph of which is drawn, within the halo distance, as the same glyph of the
    // other run is a copy of it.
    const auto copies = [&](int ra, int rb) {
        const Run* s = &runs[std::size_t(ra)];
        const Run* l = &runs[std::size_t(rb)];
        if (s->last - s->first > l->last - l->first) std::swap(s, l);
        for (int i = s->first; i <= s->last; ++i) {
            const DrawnGlyph& gi = glyphs[std::size_t(i)];
            bool found = false;
            for (int j = l->first; j <= l->last && !found; ++j) {
                const DrawnGlyph& gj = glyphs[std::size_t(j)];
                found = gi.entry == gj.entry && std::fabs(gi.full.Min.x - gj.full.Min.x) <= o.halo &&
                        std::fabs(gi.full.Min.y - gj.full.Min.y) <= o.halo;
            }
            if (!found) return false;
        }
        return true;
    };
    std::unordered_set<std::pair<int, int>, PairHash> reported;
    std::vector<std::pair<int, int>> overlaps;  // run pairs, in the order found
    for (auto& [key, members] : grid) {
        for (std::size_t i = 0; i < members.size(); ++i)
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                const Box& a = boxes[std::size_t(members[i])];
                const Box& b = boxes[std::size_t(members[j])];
                const int ra = glyphs[std::size_t(a.glyph)].run, rb = glyphs[std::size_t(b.glyph)].run;
                const int ga = runs[std::size_t(ra)].group, gb = runs[std::size_t(rb)].group;
                if (ga == gb || !intersects(a.r, b.r)) continue;
                const std::pair<int, int> groups(std::min(ga, gb), std::max(ga, gb));
                if (!reported.insert(groups).second || copies(ra, rb)) continue;
                overlaps.push_back(ra < rb ? std::make_pair(ra, rb) : std::make_pair(rb, ra));
            }
    }
    std::sort(overlaps.begin(), overlaps.end());
    Limited overlap_report(out, o.max_per_window, "pairs of overlapping text in this window");
    for (const auto& [ra, rb] : overlaps) {
        const Run& a = runs[std::size_t(ra)];
        const Run& b = runs[std::size_t(rb)];
        const ImVec2 pa = glyphs[std::size_t(a.first)].full.Min, pb = glyphs[std::size_t(b.first)].full.Min;
        std::string what = fmt("text %s at (%.0f, %.0f) overlaps text %s at (%.0f, %.0f)", quoted(a.text).c_str(),
                               pa.x, pa.y, quoted(b.text).c_str(), pb.x, pb.y);
        if (a.list != b.list) what += " of window " + list_name(b.list);
        overlap_report.add(list_name(a.list), std::move(what));
    }
    overlap_report.finish();

    if (!o.check_cut_text) return;

    // 4. Window titles: every visible character of the title is drawn, and drawn whole.
    for (int l = 0; l < dd->CmdListsCount; ++l) {
        const ImGuiWindow* w = list_window[std::size_t(l)];
        if (!w || !list_checked[std::size_t(l)] || (w->Flags & ImGuiWindowFlags_NoTitleBar)) continue;
        const ImRect bar = w->TitleBarRect();
        const ImFont* font = nullptr;
        int drawn = 0;
        bool cut = false;
        for (const DrawnGlyph& d : glyphs) {
            if (d.list != l || !bar.Contains(d.full.GetCenter())) continue;
            const ImRect seen = intersection(d.quad, d.clip);
            if (seen.Min.x >= seen.Max.x || seen.Min.y >= seen.Max.y) continue;
            font = index.entries[std::size_t(d.entry)].font;
            ++drawn;
            cut = cut || (d.cpu_clipped && d.full.GetWidth() - d.quad.GetWidth() >= o.min_cut);
        }
        if (!font) font = g.IO.Fonts->Fonts.empty() ? nullptr : g.IO.Fonts->Fonts[0];
        if (!font) continue;
        const char* end = ImGui::FindRenderedTextEnd(w->Name);
        int visible = 0;
        for (const char* c = w->Name; c < end;) {
            unsigned int cp = 0;
            const int n = ImTextCharFromUtf8(&cp, c, end);
            if (n <= 0) break;
            c += n;
            const ImFontGlyph* glyph = font->FindGlyphNoFallback(ImWchar(cp));
            visible += glyph && glyph->Visible;
        }
        if (drawn < visible || cut)
            out.push_back({name(w), fmt("title is cut off: %d of its %d visible characters are drawn%s", drawn, visible,
                                        cut ? ", the last one clipped" : "")});
    }

    // 5. Text cut by its clip rectangle, where the window shows no scrollbar in that direction.
    // Text that ImGui clips itself to fit a frame (a combo box's preview, a slider's value, a
    // button's label: quads with cut UVs) is left alone; window titles are checked above.
    std::vector<bool> run_reported(runs.size(), false);
    Limited cut_report(out, o.max_per_window, "pieces of cut text in this window");
    for (const DrawnGlyph& d : glyphs) {
        if (run_reported[std::size_t(d.run)]) continue;
        const ImGuiWindow* w = list_window[std::size_t(d.list)];
        const ImRect seen = intersection(d.quad, d.clip);
        if (seen.Min.x >= seen.Max.x || seen.Min.y >= seen.Max.y) continue;
        const Run& run = runs[std::size_t(d.run)];
        if (d.cpu_clipped) continue;
        const float tx = std::max(o.min_cut, o.cut * d.full.GetWidth());
        const float ty = std::max(o.min_cut, o.cut * d.full.GetHeight());
        const char* edge = nullptr;
        float hidden = 0;
        int axis = 0;
        if (d.clip.Min.x - d.quad.Min.x > tx) edge = "left", hidden = d.clip.Min.x - d.quad.Min.x, axis = 0;
        else if (d.quad.Max.x - d.clip.Max.x > tx) edge = "right", hidden = d.quad.Max.x - d.clip.Max.x, axis = 0;
        else if (d.clip.Min.y - d.quad.Min.y > ty) edge = "top", hidden = d.clip.Min.y - d.quad.Min.y, axis = 1;
        else if (d.quad.Max.y - d.clip.Max.y > ty) edge = "bottom", hidden = d.quad.Max.y - d.clip.Max.y, axis = 1;
        if (!edge || (w && scrolls(w, axis))) continue;
        run_reported[std::size_t(d.run)] = true;
        cut_report.add(list_name(d.list),
                       fmt("text %s at (%.0f, %.0f) is cut by the %s edge of its clip rectangle (%.0f px of a %.0f px glyph "
                           "hidden) and the window has no %s scrollbar",
                           quoted(run.text).c_str(), glyphs[std::size_t(run.first)].full.Min.x,
                           glyphs[std::size_t(run.first)].full.Min.y, edge, hidden,
                           axis == 0 ? d.full.GetWidth() : d.full.GetHeight(), axis == 0 ? "horizontal" : "vertical"));
    }
    cut_report.finish();
}

}  // namespace

std::vector<LayoutProblem> check_layout(const LayoutCheckOptions& options) {
    std::vector<LayoutProblem> out;
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return out;
    check_windows(*g, options, out);
    const ImDrawData* dd = ImGui::GetDrawData();
    if (dd && dd->Valid) check_text(*g, dd, options, out);
    return out;
}

std::string to_string(const LayoutProblem& p) { return p.window + ": " + p.what; }

}  // namespace ui
