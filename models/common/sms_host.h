#pragma once

#include <string>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/timer_service.h"
#include "emulator/sms/sms_service.h"

namespace cellemu::models {

// The module side of its SMS entity: words what the MT router indicates as URCs (+CMTI, +CMT,
// +CDS per +CMGF/+CSCS/+CSDH) and answers the send commands once the network has decided, after
// the delay of the timing profile (spec services §2.1).
class SmsHost final : public sms::IndicationSink {
 public:
  SmsHost(sms::SmsService& sms, at::AtInterpreter& at, core::TimerService& timers)
      : sms_(sms), at_(at), timer_(timers) {}

  void on_sms_indication(const sms::Indication& indication) override;
  // A prompt or transparent data: +CNMI <mode> 1 drops indications then (spec §2.9).
  bool in_data_state() const override;

  // Finishes AT+CMGS / AT+CMSS: "<key>: <mr>" then OK, or the CMS error.
  void answer(const at::Deferred& d, std::string key, const sms::SendResult& result);
  // Power-up: an answer still waiting belongs to a command that is gone.
  void reset() { timer_.cancel(); }

 private:
  sms::SmsService& sms_;
  at::AtInterpreter& at_;
  core::Timer timer_;
};

}  // namespace cellemu::models
