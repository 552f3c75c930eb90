#include "app/report_pdf.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "app/a4_pdf.h"

namespace dangan::app {
namespace {

constexpr double kMargin = 50;
constexpr double kBottom = kA4Height - 60;  // content stops here; the footer is below
constexpr double kCellPad = 3;
constexpr const char* kFont = "WenQuanYi Zen Hei";

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

// Lays text out in a box width points wide (wrapping by word or character).
LayoutPtr Layout(cairo_t* cr, const std::string& text, double size, bool bold, double width) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> desc(pango_font_description_new());
  pango_font_description_set_family(desc.get(), kFont);
  pango_font_description_set_size(desc.get(), static_cast<int>(size * PANGO_SCALE));
  if (bold) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double Height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return h / double(PANGO_SCALE);
}

// The page being drawn: where the next thing goes, and page breaks.
class Writer {
 public:
  Writer(cairo_t* cr, const std::string& footer) : cr_(cr), footer_(footer) {}

  // Draws text at the left margin; breaks the page first when it does not fit.
  void Text(const std::string& text, double size, bool bold, double space_after) {
    LayoutPtr l = Layout(cr_, text, size, bold, kA4Width - 2 * kMargin);
    double h = Height(l.get());
    if (y_ + h > kBottom) NewPage();
    cairo_move_to(cr_, kMargin, y_);
    pango_cairo_show_layout(cr_, l.get());
    y_ += h + space_after;
  }

  void Table(const ReportTable& t) {
    if (!t.heading.empty()) Text(t.heading, 12, true, 4);
    std::vector<double> widths = t.widths;
    if (widths.size() != t.columns.size()) widths.assign(t.columns.size(), 1.0);
    const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
    for (double& w : widths) w = w / total * (kA4Width - 2 * kMargin);
    if (y_ + 40 > kBottom) NewPage();  // never a heading alone at the bottom
    Row(t.columns, widths, true);
    for (const auto& row : t.rows) {
      if (!Row(row, widths, false)) {
        NewPage();
        Row(t.columns, widths, true);
        Row(row, widths, false);
      }
    }
    if (t.rows.empty()) Text("（无 none）", 9, false, 0);
    y_ += 12;
  }

  void Signature(const std::string& who) {
    if (y_ + 36 > kBottom) NewPage();
    y_ += 18;
    Text(who + "：____________________    日期 Date：______________", 10, false, 6);
  }

  void Finish() {
    DrawFooter();
    cairo_show_page(cr_);
  }

 private:
  // Draws one row of cells; false (nothing drawn) when it does not fit here.
  bool Row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header) {
    std::vector<LayoutPtr> layouts;
    double h = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string& text = i < cells.size() ? cells[i] : std::string();
      layouts.push_back(Layout(cr_, text, 8.5, header, widths[i] - 2 * kCellPad));
      h = std::max(h, Height(layouts.back().get()));
    }
    h += 2 * kCellPad;
    if (y_ + h > kBottom && !first_row_on_page_) return false;
    double x = kMargin;
    for (size_t i = 0; i < widths.size(); ++i) {
      if (header) {
        cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
        cairo_rectangle(cr_, x, y_, widths[i], h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y_, widths[i], h);
      cairo_stroke(cr_);
      cairo_move_to(cr_, x + kCellPad, y_ + kCellPad);
      pango_cairo_show_layout(cr_, layouts[i].get());
      x += widths[i];
    }
    y_ += h;
    first_row_on_page_ = header;  // a header row always has a body row after it
    return true;
  }

  void NewPage() {
    Finish();
    ++page_;
    y_ = kMargin;
    first_row_on_page_ = true;
  }

  void DrawFooter() {
    LayoutPtr l = Layout(cr_, footer_ + "    第 " + std::to_string(page_) + " 页 page " +
                                  std::to_string(page_),
                         8, false, kA4Width - 2 * kMargin);
    cairo_move_to(cr_, kMargin, kA4Height - 40);
    pango_cairo_show_layout(cr_, l.get());
  }

  cairo_t* cr_;
  std::string footer_;
  double y_ = kMargin;
  int page_ = 1;
  bool first_row_on_page_ = true;
};

}  // namespace

Status WriteReportPdf(const Report& report, const std::filesystem::path& path) {
  return WriteA4Pdf(path, [&](cairo_t* cr) {
    Writer w(cr, report.footer);
    w.Text(report.title, 18, true, 10);
    for (const std::string& line : report.lines) w.Text(line, 10, false, 3);
    w.Text("", 6, false, 6);
    for (const ReportTable& t : report.tables) w.Table(t);
    for (const std::string& who : report.signatures) w.Signature(who);
    w.Finish();
    return Status::Ok();
  });
}

}  // namespace dangan::app
