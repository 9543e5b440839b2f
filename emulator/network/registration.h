#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/network/network.h"

namespace cellemu::network {

// What an injection did: how many parts were posted to the modem, or why nothing was.
struct InjectResult {
  int parts = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

// One modem's attachment to the Network, used only on that modem's thread: its SmsService sends
// through it (sms::SmsNetwork), `cellemu ctl sms deliver|fail` and scenario verbs act through it.
// Destroying it detaches the modem (do so before its SmsService and clock go).
class Registration final : public sms::SmsNetwork {
 public:
  ~Registration() override;
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

  const std::string& number() const { return number_; }
  const std::string& name() const { return name_; }
  Network& network() { return *network_; }

  std::optional<sms::CmsCause> submit(const sms::MoMessage& message) override;
  // `cellemu ctl sms fail CAUSE`: the next submission fails with `cause` (and only it).
  void fail_next_submit(sms::CmsCause cause) { next_failure_ = cause; }

  // `cellemu ctl sms deliver FROM TEXT`: a message from outside to this modem. FROM is a number
  // ("+8613912345678") or an alphanumeric sender of up to 11 GSM characters; TEXT is UTF-8, cut
  // into concatenated parts when one message cannot hold it.
  InjectResult deliver_text(std::string_view from, std::string_view utf8_text);
  // `cellemu ctl sms deliver --pdu HEX`: an SMS-DELIVER as +CMT shows it (SCA field + TPDU; an
  // SCA of "00" gets the network's SMSC).
  InjectResult deliver_pdu(std::string_view hex);

 private:
  friend class Network;
  Registration(std::shared_ptr<Network> network, std::uint64_t id, std::string name,
               std::string number, core::TimerService& timers,
               std::shared_ptr<Network::Endpoint> endpoint);

  std::shared_ptr<Network> network_;
  std::uint64_t id_;
  std::string name_;
  std::string number_;
  core::TimerService& timers_;
  std::shared_ptr<Network::Endpoint> endpoint_;
  std::optional<sms::CmsCause> next_failure_;
};

}  // namespace cellemu::network
