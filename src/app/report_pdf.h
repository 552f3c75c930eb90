// Printable records (RECORDS §6 destruction record, §8 audit report): an A4
// PDF the department prints, signs and files on paper. Drawn with Cairo +
// Pango and a CJK font from Debian; long tables flow over as many pages as
// they need, their header repeated, every page numbered.
#ifndef DANGAN_APP_REPORT_PDF_H_
#define DANGAN_APP_REPORT_PDF_H_

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace dangan::app {

struct ReportTable {
  std::string heading;               // printed above the table; may be empty
  std::vector<std::string> columns;  // header cells
  std::vector<double> widths;        // relative column widths; empty = equal
  std::vector<std::vector<std::string>> rows;  // cells wrap inside their column
};

struct Report {
  std::string title;                       // "销毁清册 Destruction list 3"
  std::vector<std::string> lines;          // "Proposed by: li (2026-11-29)", under the title
  std::vector<ReportTable> tables;
  std::vector<std::string> signatures;     // one signature line each: "审批人 Approver"
  std::string footer;                      // left of the page number on every page
};

// Writes report to path through a temporary file renamed when complete.
Status WriteReportPdf(const Report& report, const std::filesystem::path& path);

}  // namespace dangan::app

#endif  // DANGAN_APP_REPORT_PDF_H_
