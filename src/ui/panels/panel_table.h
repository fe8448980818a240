#pragma once
// Every panel a lesson file can name, with how it is drawn and the least room it is readable in.
// The names a family's presets may use are its own (train::Family::panels) and the common ones;
// this table gives each of them a drawing function.
#include <span>
#include <string_view>

#include "ui/panels/panels.h"

namespace ui {

struct PanelInfo {
    const char* name;
    const char* title;
    void (*draw)(PanelContext&);
    float weight;      // share of the side column's height
    float min_width;   // in lines of text: below this the panel is not readable
    float min_height;  // in lines of text, title included
};

std::span<const PanelInfo> all_panels();
const PanelInfo* find_panel(std::string_view name);

}  // namespace ui
