#include "models/common/sms_host.h"

#include <fmt/format.h>

#include "models/common/sms_lines.h"

namespace cellemu::models {

// A routed message is a header line and its data line, one URC (LM CNMI "+CMT: ,24" + PDU).
void SmsHost::on_sms_indication(const sms::Indication& indication) {
  const sms_lines::Lines lines = sms_lines::indication(sms_, indication);
  if (lines.has_data) {
    at_.responder().urc(lines.header, lines.data + "\r\n");
  } else {
    at_.responder().urc(lines.header);
  }
}

bool SmsHost::in_data_state() const {
  return at_.in_data_mode() || at_.responder().held_for(at::Responder::kWindow);
}

void SmsHost::answer(const at::Deferred& d, std::string key, const sms::SendResult& result) {
  auto finish = [d, key = std::move(key), mr = result.mr] {
    if (!mr) {
      d.finish(at::Final::cms(sms::code(mr.error())));
      return;
    }
    d.info(fmt::format("{}: {}", key, *mr));
    d.finish(at::Final::ok());
  };
  if (result.delay <= core::Duration::zero()) {
    finish();
    return;
  }
  timer_.start(result.delay, std::move(finish));
}

}  // namespace cellemu::models
