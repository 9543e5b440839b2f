#include "models/common/module_rtc.h"

namespace cellemu::models {

using namespace std::chrono;

void ModuleRtc::power_on() {
  auto_update = true;
  set(sms::Timestamp{});  // 70/01/01,00:00:00+00
}

void ModuleRtc::set(const sms::Timestamp& local) {
  utc_at_set_ = local.to_utc();
  zone_ = local.zone;
  set_at_ = timers_.now();
}

void ModuleRtc::on_network_time(sys_seconds utc, int zone) {
  if (!auto_update) return;
  utc_at_set_ = utc;
  zone_ = zone;
  set_at_ = timers_.now();
}

sms::Timestamp ModuleRtc::now() const {
  const auto elapsed = floor<seconds>(timers_.now() - set_at_);
  return sms::Timestamp::from_utc(utc_at_set_ + elapsed, zone_);
}

}  // namespace cellemu::models
