#include "ui/gl/canvas.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include <imgui_impl_opengl3.h>

namespace ui::gl {
namespace {

// Word-at-a-time multiply-xor hash: a frame's vertices are ~150 KB, hashed in tens of microseconds.
std::uint64_t hash_bytes(const void* data, std::size_t n, std::uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    h = (h ^ tail ^ n) * kMul;
    return h ^ (h >> 32);
}

bool overlaps(const ImVec4& a, const ImVec4& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }

float area(const ImVec4& r) { return std::max(0.f, r.z - r.x) * std::max(0.f, r.w - r.y); }

// Draws these lists as ImGui's OpenGL backend does, in order.
void draw_lists(const ImDrawData* dd, std::vector<ImDrawList*> lists) {
    ImDrawData part = *dd;
    part.CmdLists = lists.data();
    part.CmdListsCount = int(lists.size());
    part.TotalVtxCount = part.TotalIdxCount = 0;
    for (const ImDrawList* l : lists) {
        part.TotalVtxCount += l->VtxBuffer.Size;
        part.TotalIdxCount += l->IdxBuffer.Size;
    }
    ImGui_ImplOpenGL3_RenderDrawData(&part);
}

// Draws one list inside `rect` (framebuffer pixels, top-left origin) only: its commands' clip
// rectangles are narrowed for the call and put back after.
void draw_clipped(const ImDrawData* dd, ImDrawList* list, const ImVec4& rect) {
    const ImVec2 scale = dd->FramebufferScale, origin = dd->DisplayPos;
    const ImVec4 r(rect.x / scale.x + origin.x, rect.y / scale.y + origin.y, rect.z / scale.x + origin.x,
                   rect.w / scale.y + origin.y);
    std::vector<ImVec4> saved;
    saved.reserve(std::size_t(list->CmdBuffer.Size));
    for (ImDrawCmd& cmd : list->CmdBuffer) {
        saved.push_back(cmd.ClipRect);
        cmd.ClipRect = ImVec4(std::max(cmd.ClipRect.x, r.x), std::max(cmd.ClipRect.y, r.y), std::min(cmd.ClipRect.z, r.z),
                              std::min(cmd.ClipRect.w, r.w));
    }
    draw_lists(dd, {list});
    for (int k = 0; k < list->CmdBuffer.Size; ++k) list->CmdBuffer[k].ClipRect = saved[std::size_t(k)];
}

}  // namespace

CanvasStats Canvas::render(ImDrawData* dd, int fb_width, int fb_height, const ImVec4& clear, ImTextureID font_texture,
                           bool back_buffer_kept, float redraw_budget) {
    CanvasStats stats;
    stats.lists = dd->CmdListsCount;
    if (fb_width <= 0 || fb_height <= 0) return stats;
    if (!back_buffer_kept || fb_width != width_ || fb_height != height_) valid_ = false;
    width_ = fb_width;
    height_ = fb_height;

    const ImVec2 scale = dd->FramebufferScale;
    const ImVec2 origin = dd->DisplayPos;
    std::vector<ListRecord> current(std::size_t(dd->CmdListsCount));
    for (int i = 0; i < dd->CmdListsCount; ++i) {
        const ImDrawList* list = dd->CmdLists[i];
        ListRecord& rec = current[std::size_t(i)];
        rec.owner = list->_OwnerName;
        std::uint64_t h = hash_bytes(list->VtxBuffer.Data, std::size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert), 1469598103934665603ull);
        h = hash_bytes(list->IdxBuffer.Data, std::size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx), h);
        ImVec4 r(1e9f, 1e9f, -1e9f, -1e9f);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            const std::uint64_t fields[5] = {cmd.ElemCount, cmd.IdxOffset, cmd.VtxOffset,
                                             std::uint64_t(reinterpret_cast<std::uintptr_t>(cmd.TextureId)),
                                             std::uint64_t(reinterpret_cast<std::uintptr_t>(cmd.UserCallback))};
            h = hash_bytes(fields, sizeof fields, h);
            h = hash_bytes(&cmd.ClipRect, sizeof cmd.ClipRect, h);
            if (cmd.UserCallback == ImDrawCallback_ResetRenderState) continue;
            if (cmd.UserCallback) {
                const std::uint64_t* key = nullptr;
                for (const auto& [data, k] : tracked_)
                    if (data == cmd.UserCallbackData) key = k;
                if (key) h = hash_bytes(key, sizeof *key, h);
                else rec.volatile_content = true;
            } else if (cmd.TextureId != font_texture) {
                const auto t = tracked_textures_.find(cmd.TextureId);
                if (t != tracked_textures_.end()) h = hash_bytes(t->second, sizeof *t->second, h);
                else rec.volatile_content = true;
            }
            // A window's first command is clipped to the whole screen, so the clip rectangle alone
            // would mark everything; the vertices it really draws, clipped, say where it paints.
            ImVec4 b = cmd.ClipRect;
            if (!cmd.UserCallback) {
                b = ImVec4(1e9f, 1e9f, -1e9f, -1e9f);
                const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
                const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
                for (unsigned k = 0; k < cmd.ElemCount; ++k) {
                    const ImVec2 p = vtx[idx[k]].pos;
                    b.x = std::min(b.x, p.x);
                    b.y = std::min(b.y, p.y);
                    b.z = std::max(b.z, p.x);
                    b.w = std::max(b.w, p.y);
                }
                b = ImVec4(std::max(b.x, cmd.ClipRect.x), std::max(b.y, cmd.ClipRect.y), std::min(b.z, cmd.ClipRect.z),
                           std::min(b.w, cmd.ClipRect.w));
                if (b.z <= b.x || b.w <= b.y) continue;
            }
            r.x = std::min(r.x, b.x);
            r.y = std::min(r.y, b.y);
            r.z = std::max(r.z, b.z);
            r.w = std::max(r.w, b.w);
        }
        rec.hash = h;
        // Whole pixels of the framebuffer, top-left origin, clamped to it.
        rec.rect = ImVec4(std::clamp(std::floor((r.x - origin.x) * scale.x), 0.f, float(fb_width)),
                          std::clamp(std::floor((r.y - origin.y) * scale.y), 0.f, float(fb_height)),
                          std::clamp(std::ceil((r.z - origin.x) * scale.x), 0.f, float(fb_width)),
                          std::clamp(std::ceil((r.w - origin.y) * scale.y), 0.f, float(fb_height)));
    }

    bool full = !valid_ || current.size() != previous_.size();
    for (std::size_t i = 0; !full && i < current.size(); ++i) full = current[i].owner != previous_[i].owner;

    std::vector<char> dirty(current.size(), full ? 1 : 0);
    std::vector<char> deferred(current.size(), 0);
    std::vector<ImVec4>& damage = stats.damage;
    if (!full) {
        // Changed lists, those that waited last frame first; beyond the budget the others wait a
        // frame, keeping last frame's picture on screen. None waits two frames in a row.
        std::vector<std::size_t> changed;
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t i = 0; i < current.size(); ++i) {
                const ListRecord& now = current[i];
                const ListRecord& before = previous_[i];
                const bool same_rect = std::memcmp(&now.rect, &before.rect, sizeof(ImVec4)) == 0;
                const bool differs = now.volatile_content || now.hash != before.hash || !same_rect;
                if (differs && (pass == 0) == bool(waited_[i])) changed.push_back(i);
            }
        const float budget_px = redraw_budget * float(fb_width) * float(fb_height);
        float used = 0;
        for (std::size_t i : changed) {
            const ListRecord& now = current[i];
            const ListRecord& before = previous_[i];
            const bool same_rect = std::memcmp(&now.rect, &before.rect, sizeof(ImVec4)) == 0;
            // A list that grew or shrank a little (a plot whose last tick label got wider) covers
            // nearly the same pixels as before: one rectangle around both, not the two counted
            // twice, which would call for the whole screen.
            const ImVec4 around(std::min(now.rect.x, before.rect.x), std::min(now.rect.y, before.rect.y),
                                std::max(now.rect.z, before.rect.z), std::max(now.rect.w, before.rect.w));
            const bool merge = !same_rect && area(around) <= area(now.rect) + area(before.rect);
            const float cost = same_rect ? area(now.rect) : merge ? area(around) : area(now.rect) + area(before.rect);
            if (used > 0 && used + cost > budget_px && !waited_[i]) {
                deferred[i] = 1;
                continue;
            }
            used += cost;
            dirty[i] = 1;
            if (merge) {
                damage.push_back(around);
                continue;
            }
            damage.push_back(now.rect);
            if (!same_rect) damage.push_back(before.rect);
        }
        float damaged = 0;
        for (const ImVec4& d : damage) damaged += area(d);
        full = damaged > 0.75f * float(fb_width) * float(fb_height);
    }

    glViewport(0, 0, fb_width, fb_height);
    glClearColor(clear.x, clear.y, clear.z, clear.w);
    int drawn = 0;
    if (full) {
        glDisable(GL_SCISSOR_TEST);
        glClear(GL_COLOR_BUFFER_BIT);
        draw_lists(dd, std::vector<ImDrawList*>(dd->CmdLists, dd->CmdLists + dd->CmdListsCount));
        drawn = dd->CmdListsCount;
    } else {
        // A rectangle inside another is cleared with it: under a software renderer every cleared
        // pixel costs time.
        std::vector<ImVec4> unique;
        for (const ImVec4& d : damage) {
            if (area(d) <= 0) continue;
            const auto inside = [&](const ImVec4& o) { return o.x <= d.x && o.y <= d.y && o.z >= d.z && o.w >= d.w; };
            if (std::none_of(unique.begin(), unique.end(), inside)) unique.push_back(d);
        }
        damage = std::move(unique);
        glEnable(GL_SCISSOR_TEST);
        for (const ImVec4& d : damage) {
            glScissor(int(d.x), fb_height - int(d.w), int(d.z - d.x), int(d.w - d.y));
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
        // In stacking order: a changed list whole; any other list that a cleared rectangle cuts
        // into, only inside that rectangle (a tooltip moving over a plot redraws the plot under
        // the tooltip, not the whole plot). A list that waits its turn but lies under a cleared
        // rectangle shows its new picture there a frame early.
        std::vector<ImDrawList*> run;
        for (std::size_t i = 0; i < current.size(); ++i) {
            if (dirty[i]) {
                run.push_back(dd->CmdLists[i]);
                ++drawn;
                continue;
            }
            bool cut = false;
            for (const ImVec4& d : damage) {
                if (!overlaps(current[i].rect, d)) continue;
                if (!run.empty()) draw_lists(dd, std::exchange(run, {}));
                draw_clipped(dd, dd->CmdLists[i], d);
                cut = true;
            }
            drawn += cut;
        }
        if (!run.empty()) draw_lists(dd, run);
    }

    // A list that waited is still shown as it was: remember that picture, so that next frame it
    // differs again and is drawn first.
    for (std::size_t i = 0; i < current.size(); ++i)
        if (deferred[i] && !full) current[i] = previous_[i];
    waited_.assign(deferred.begin(), deferred.end());
    if (full) std::fill(waited_.begin(), waited_.end(), 0);
    for (char d : waited_) stats.deferred += d;
    previous_ = std::move(current);
    valid_ = true;
    stats.redrawn = drawn;
    stats.full = full;
    return stats;
}

}  // namespace ui::gl
