#include "store/store.hpp"

#include "store/detail/store_impl.hpp"

// Writes to one occurrence: done, undo, skip, cancel, schedule.

namespace torikumi::store {

Result<Warnings> Store::mark_done(const DoneRequest& request) {
  Impl& impl = *impl_;
  auto write = impl.begin_occurrence_write(request.occurrence, request.actor);
  if (!write) return write.error();
  auto& [transaction, row, subject] = *write;
  const OccurrenceInfo& info = row.info;
  switch (info.record.status) {
    case OccurrenceStatus::done: {
      const date::sys_days completed =
          info.time_zone.local_day(info.record.completed_at.value_or(date::sys_seconds{}));
      return Error{
          subject + " is already done (completed " + format_iso_date(completed) + " by " +
              info.record.completed_by + "); undo it first",
          ErrorCode::invalid,
          meaning_of(store_meaning::kDoneAlready,
                     {request.occurrence, format_iso_date(completed), info.record.completed_by})};
    }
    case OccurrenceStatus::skipped:
    case OccurrenceStatus::cancelled:
      return Error{subject + " is " + std::string{to_string(info.record.status)} + " (" +
                       info.record.reason + "); undo it first",
                   ErrorCode::invalid,
                   meaning_of(store_meaning::kClosedAlready,
                              {request.occurrence, std::string{to_string(info.record.status)},
                               info.record.reason})};
    case OccurrenceStatus::planned:
    case OccurrenceStatus::scheduled:
      break;
  }
  const date::sys_days day = info.time_zone.local_day(request.completed_at);
  if (!row.fiscal_year.contains(day)) {
    return Error{
        "completion day " + format_iso_date(day) + " is outside " +
            fiscal_year_range(row.fiscal_year) + " of " + subject,
        ErrorCode::invalid,
        meaning_of(store_meaning::kCompletionOutsideYear,
                   {format_iso_date(day), fiscal_year_range(row.fiscal_year), request.occurrence})};
  }
  Warnings warnings;
  if (day < info.start) {
    warnings.push_back(subject + " is done on " + format_iso_date(day) +
                       ", before its window opens on " + format_iso_date(info.start));
  }
  if (auto done = impl.complete(row, request.completed_at, request.note, request.actor); !done)
    return done.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return warnings;
}

Result<Warnings> Store::undo(std::string_view occurrence_id, const Actor& actor) {
  Impl& impl = *impl_;
  auto transaction = Transaction::begin(impl.connection);
  if (!transaction) return transaction.error();
  auto row = impl.resolve_occurrence(occurrence_id, actor);
  if (!row) return row.error();
  const OccurrenceInfo& info = row->info;
  if (is_open(info.record.status)) {
    return Error{"occurrence " + in_quotes(occurrence_id) + " has nothing to undo: it is " +
                 std::string{to_string(info.record.status)}};
  }
  OccurrenceRecord after = info.record;
  after.status = after.scheduled_start ? OccurrenceStatus::scheduled : OccurrenceStatus::planned;
  after.reason.clear();
  after.completed_at.reset();
  after.completed_by.clear();
  after.note.clear();
  ++after.revision;
  if (info.record.status == OccurrenceStatus::done) {
    auto statement = impl.connection.prepare(
        "UPDATE completions SET undone_at = ?2 WHERE occurrence_id = ?1 AND undone_at IS NULL");
    if (!statement) return statement.error();
    if (auto done = statement->run_with(occurrence_id, instant_text(actor.at)); !done)
      return done.error();
  }
  if (auto done = impl.update_state(info, after, actor); !done) return done.error();
  if (auto done = impl.audit_state(actor, "undo", occurrence_id, info.record, after); !done)
    return done.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return Warnings{};
}

Result<Warnings> Store::skip(std::string_view occurrence_id, std::string_view reason,
                             const Actor& actor) {
  return impl_->set_status(occurrence_id, OccurrenceStatus::skipped, reason, actor);
}

Result<Warnings> Store::cancel(std::string_view occurrence_id, std::string_view reason,
                               const Actor& actor) {
  return impl_->set_status(occurrence_id, OccurrenceStatus::cancelled, reason, actor);
}

Result<Warnings> Store::schedule(const ScheduleRequest& request) {
  Impl& impl = *impl_;
  auto write = impl.begin_occurrence_write(request.occurrence, request.actor);
  if (!write) return write.error();
  auto& [transaction, row, subject] = *write;
  const OccurrenceInfo& info = row.info;
  const date::sys_days day = info.time_zone.local_day(request.start);
  if (!row.fiscal_year.contains(day))
    return Error{
        "start day " + format_iso_date(day) + " is outside " + fiscal_year_range(row.fiscal_year) +
            " of " + subject,
        ErrorCode::invalid,
        meaning_of(store_meaning::kStartOutsideYear,
                   {format_iso_date(day), fiscal_year_range(row.fiscal_year), request.occurrence})};
  std::optional<date::sys_seconds> end = request.end;
  if (!end) {
    // Keep the length it had: the override's, else the expansion's.
    const auto shape = impl.read_shape(request.occurrence);
    if (!shape) return shape.error();
    std::optional<date::sys_seconds> start_before = info.record.scheduled_start;
    std::optional<date::sys_seconds> end_before = info.record.scheduled_end;
    if (!start_before && (*shape)["scheduled_start"].is_string()) {
      start_before = parse_rfc3339((*shape)["scheduled_start"].get<std::string>());
      end_before = (*shape)["scheduled_end"].is_string()
                       ? parse_rfc3339((*shape)["scheduled_end"].get<std::string>())
                       : std::nullopt;
    }
    if (start_before && end_before) end = request.start + (*end_before - *start_before);
  }
  if (end && *end <= request.start) {
    return Error{"end " + instant_text(*end) + " is not after start " +
                     instant_text(request.start) + " of " + subject,
                 ErrorCode::invalid,
                 meaning_of(store_meaning::kEndNotAfterStart,
                            {instant_text(*end), instant_text(request.start), request.occurrence})};
  }
  Warnings warnings;
  if (day < info.start || day > info.due) {
    warnings.push_back(subject + " is scheduled on " + format_iso_date(day) +
                       ", outside its window " + format_iso_date(info.start) + ".." +
                       format_iso_date(info.due));
  }
  OccurrenceRecord after = info.record;
  if (after.status == OccurrenceStatus::planned) after.status = OccurrenceStatus::scheduled;
  after.scheduled_start = request.start;
  after.scheduled_end = end;
  if (request.place) after.place = trimmed(*request.place);
  ++after.revision;
  if (auto done = impl.update_state(info, after, request.actor); !done) return done.error();
  if (auto done =
          impl.audit_state(request.actor, "schedule", request.occurrence, info.record, after);
      !done)
    return done.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return warnings;
}

}  // namespace torikumi::store
