// `dangan retention due [--as-of DATE] [--archive A]` (RECORDS §6): the
// documents whose retention period has run out, with their class, due date,
// holds and the open destruction list each is on. Documents above the user's
// clearance are counted, not listed (RECORDS §2).
#include <fmt/format.h>

#include "app/commands.h"
#include "app/destruction_record.h"
#include "app/document_json.h"
#include "app/retention_review.h"
#include "core/archive_no.h"

namespace dangan::app {
namespace {

nlohmann::json DueJson(const ReviewedDocument& r) {
  const catalog::Document& d = r.doc;
  nlohmann::json holds = nlohmann::json::array();
  for (const catalog::Hold& h : r.holds) holds.push_back(HoldJson(h));
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", d.id},
          {"archive_no", opt(d.archive_no)},
          {"title", d.title},
          {"doc_type", ToString(d.doc_type)},
          {"date", opt(d.fields.date)},
          {"contract_no", opt(d.fields.contract_no)},
          {"invoice_no", opt(d.fields.invoice_no)},
          {"ingested_at", d.ingested_at},
          {"level", ToString(d.level)},
          {"class", ToString(r.outcome.retention_class)},
          {"start", r.outcome.start ? nlohmann::json(FormatIsoDate(*r.outcome.start)) : nullptr},
          {"due", r.outcome.due ? nlohmann::json(FormatIsoDate(*r.outcome.due)) : nullptr},
          {"held", r.held()},
          {"holds", holds},
          {"on_list", r.open_list ? nlohmann::json(*r.open_list) : nullptr}};
}

Status RunDue(CommandState* st, const std::string& as_of_text, const std::string& archive) {
  DANGAN_ASSIGN_OR_RETURN(Date as_of, ParseAsOf(as_of_text));
  auto h = Open(st->ctx, false, "", {authz::Action::kRetentionRead, {}});
  if (!h.ok()) return h.status();
  DueQuery query{as_of, std::nullopt, h->user.clearance};
  if (!archive.empty()) query.archive_no = NormaliseArchiveNoBasic(archive);
  DANGAN_ASSIGN_OR_RETURN(DueReport report, DueDocuments(h->catalog.get(), h->config.retention, query));
  if (st->ctx.json) {
    nlohmann::json docs = nlohmann::json::array();
    for (const ReviewedDocument& r : report.due) docs.push_back(DueJson(r));
    PrintJson({{"as_of", FormatIsoDate(as_of)}, {"documents", docs}, {"hidden", report.hidden}});
    return Status::Ok();
  }
  if (report.due.empty() && report.hidden == 0) {
    Print(fmt::format("nothing is due as of {}\n", FormatIsoDate(as_of)));
    return Status::Ok();
  }
  Print(fmt::format("due as of {} (保管期限届满): {} documents\n", FormatIsoDate(as_of),
                    report.due.size() + static_cast<size_t>(report.hidden)));
  Print(fmt::format("{:>6}  {}  {}  {}  {}  {}  {}  TITLE\n", "ID", PadColumns("ARCHIVE", 13),
                    PadColumns("TYPE", 8), PadColumns("DATE", 10), PadColumns("CLASS", 9),
                    PadColumns("DUE", 10), PadColumns("STATUS", 12)));
  for (const ReviewedDocument& r : report.due) {
    std::string status = r.held()       ? "held 保全"
                         : r.open_list ? fmt::format("on list {}", *r.open_list)
                                       : "due";
    Print(fmt::format("{:>6}  {}  {}  {}  {}  {}  {}  {}\n", r.doc.id,
                      PadColumns(r.doc.archive_no.value_or("-"), 13),
                      PadColumns(ToString(r.doc.doc_type), 8),
                      PadColumns(r.doc.fields.date.value_or("-"), 10),
                      PadColumns(ToString(r.outcome.retention_class), 9),
                      PadColumns(r.outcome.due ? FormatIsoDate(*r.outcome.due) : "-", 10),
                      PadColumns(status, 12), r.doc.title));
  }
  if (report.hidden > 0) Print(fmt::format("  {} more above your clearance\n", report.hidden));
  return Status::Ok();
}

}  // namespace

void RegisterRetention(CLI::App& app, CommandState* st) {
  auto* retention = app.add_subcommand("retention", "retention periods (保管期限)");
  retention->require_subcommand(1);
  auto as_of = std::make_shared<std::string>();
  auto archive = std::make_shared<std::string>();
  auto* due = retention->add_subcommand("due", "documents whose retention period has run out");
  due->add_option("--as-of", *as_of, "judge as of this date, YYYY-MM-DD (default: today)");
  due->add_option("--archive", *archive, "only this archive's documents");
  due->callback([st, as_of, archive] {
    st->run = [st, as_of, archive] { return RunDue(st, *as_of, *archive); };
  });
}

}  // namespace dangan::app
