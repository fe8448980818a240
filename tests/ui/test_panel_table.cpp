#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "train/family.h"
#include "ui/panels/panel_table.h"

namespace {
bool named_by_a_family(std::string_view name) {
    for (std::string_view p : train::kCommonPanels)
        if (p == name) return true;
    for (const train::Family& f : train::families())
        if (std::find(f.panels.begin(), f.panels.end(), name) != f.panels.end()) return true;
    return false;
}
}  // namespace

TEST_CASE("panel table: every panel a family or the common list names has a row that draws it") {
    for (std::string_view name : train::kCommonPanels) {
        CAPTURE(name);
        const ui::PanelInfo* p = ui::find_panel(name);
        REQUIRE(p != nullptr);
        const bool drawn = p->draw != nullptr;
        CHECK(drawn);
    }
    for (const train::Family& f : train::families()) {
        for (std::string_view name : f.panels) {
            CAPTURE(f.name);
            CAPTURE(name);
            const ui::PanelInfo* p = ui::find_panel(name);
            REQUIRE(p != nullptr);
            const bool drawn = p->draw != nullptr;
            CHECK(drawn);
        }
    }
}

TEST_CASE("panel table: every row is a panel some family or the common list names, once, with room to be read") {
    for (const ui::PanelInfo& p : ui::all_panels()) {
        CAPTURE(p.name);
        CHECK(named_by_a_family(p.name));
        CHECK(ui::find_panel(p.name) == &p);  // no second row of the same name
        CHECK(std::string(p.title).size() > 0);
        CHECK(p.weight > 0.f);
        CHECK(p.min_width > 0.f);
        CHECK(p.min_height > 0.f);
    }
}
