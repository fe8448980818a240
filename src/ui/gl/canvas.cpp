#include "ui/gl/canvas.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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

}  // namespace

CanvasStats Canvas::render(ImDrawData* dd, int fb_width, int fb_height, const ImVec4& clear, ImTextureID font_texture,
                           bool back_buffer_kept) {
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
                rec.volatile_content = true;
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
    std::vector<ImVec4>& damage = stats.damage;
    if (!full) {
        for (std::size_t i = 0; i < current.size(); ++i) {
            const ListRecord& now = current[i];
            const ListRecord& before = previous_[i];
            const bool same_rect = std::memcmp(&now.rect, &before.rect, sizeof(ImVec4)) == 0;
            if (now.volatile_content || now.hash != before.hash || !same_rect) {
                dirty[i] = 1;
                damage.push_back(now.rect);
                if (!same_rect) damage.push_back(before.rect);
            }
        }
        // Whatever overlaps a damaged area is drawn again too, in its place in the stacking order.
        for (bool grew = true; grew;) {
            grew = false;
            for (std::size_t i = 0; i < current.size(); ++i) {
                if (dirty[i]) continue;
                for (const ImVec4& d : damage) {
                    if (overlaps(current[i].rect, d)) {
                        dirty[i] = 1;
                        damage.push_back(current[i].rect);
                        grew = true;
                        break;
                    }
                }
            }
        }
        float damaged = 0;
        for (const ImVec4& d : damage) damaged += area(d);
        full = damaged > 0.75f * float(fb_width) * float(fb_height);
    }

    glViewport(0, 0, fb_width, fb_height);
    glClearColor(clear.x, clear.y, clear.z, clear.w);
    std::vector<ImDrawList*> lists;
    if (full) {
        glDisable(GL_SCISSOR_TEST);
        glClear(GL_COLOR_BUFFER_BIT);
        lists.assign(dd->CmdLists, dd->CmdLists + dd->CmdListsCount);
    } else {
        glEnable(GL_SCISSOR_TEST);
        for (const ImVec4& d : damage) {
            if (area(d) <= 0) continue;
            glScissor(int(d.x), fb_height - int(d.w), int(d.z - d.x), int(d.w - d.y));
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
        for (std::size_t i = 0; i < current.size(); ++i)
            if (dirty[i]) lists.push_back(dd->CmdLists[i]);
    }
    if (!lists.empty()) {
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

    previous_ = std::move(current);
    valid_ = true;
    stats.redrawn = int(lists.size());
    stats.full = full;
    return stats;
}

}  // namespace ui::gl
