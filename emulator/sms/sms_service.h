#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "emulator/core/timer_service.h"
#include "emulator/sms/mt_router.h"
#include "emulator/sms/sms_network.h"
#include "emulator/sms/sms_settings.h"
#include "emulator/sms/sms_storages.h"

namespace cellemu::sms {

// What the module's radio allows right now (the model reads its SIM, registration and CFUN).
struct RadioConditions {
  std::optional<CmsCause> sim_error;  // CMS 310/311/316... while the SIM is not ready
  bool registered = true;             // +CEREG 1 or 5 and CFUN 1
  bool sms_barred = false;            // a SIM with no SMS service (China Telecom, OQ-S9)
};

// How an SMS-SUBMIT went: <mr> or the CMS error, and how long the module takes to say so
// (zero in the "fast" timing profile).
struct SendResult {
  CmsResult<int> mr;
  core::Duration delay{0};
};

struct SmsServiceConfig {
  std::size_t sm_capacity = 50;  // spec services §2.1, OQ-S2
  std::size_t me_capacity = 10;
  std::optional<Address> smsc;     // on the SIM; nullopt: none (CMS 330)
  CnmiSettings cnmi;               // power-up +CNMI (OQ-S1)
  core::Duration send_delay{0};    // "real" timing: +CMGS 2 s after Ctrl-Z
  core::Duration barred_delay{0};  // "real" timing: CMS 500 after 5 s on a barred SIM (OQ-S9)
  MtRouter::Config mt;
};

// One module's SMS entity below the AT handlers (27.005): settings, storages, the SIM's SMSC,
// the message reference, sending (with the spec's order of checks, §2.10), writing and sending
// from storage, and the MT side (MtRouter). Vendor-neutral: handlers parse and word, this decides.
// Lives on the module's thread; the network reaches it through MtListener.
class SmsService final : public MtListener {
 public:
  using RadioProbe = std::function<RadioConditions()>;
  SmsService(core::TimerService& timers, SmsServiceConfig config, RadioProbe radio);

  // The network this module is registered with; nullptr: none (sends fail with CMS 331).
  void attach_network(SmsNetwork* network) { network_ = network; }
  void set_sink(IndicationSink* sink) { router_.set_sink(sink); }
  // Power-up (and reboot): settings back to defaults, <mr> 0, storages and SMSC kept (§1.1).
  void power_up();

  SmsSettings& settings() { return settings_; }
  const SmsSettings& settings() const { return settings_; }
  SmsStorages& storages() { return storages_; }
  // +CSCA: the SMSC on the SIM (survives power-up).
  const std::optional<Address>& smsc() const { return smsc_; }
  void set_smsc(std::optional<Address> smsc) { smsc_ = std::move(smsc); }
  // The <sca> text views show for an SCA field of "00".
  Address smsc_or_empty() const { return smsc_.value_or(Address{"", Address::kUnknown}); }

  // AT+CMGS=<length> (PDU) after Ctrl-Z. Checks in spec order: SIM, body (CMS 304), SMSC (330),
  // registration (331), SIM service (500), network.
  SendResult send_pdu(std::string_view body, std::size_t length);
  // AT+CMGS="<da>" (text) after Ctrl-Z; a body +CSMP/+CSCS cannot carry is CMS 305.
  SendResult send_text(const Address& destination, std::string_view body);
  // AT+CMSS=<index>[,<da>]: from <mem2>; CMS 321 for an empty index, 302 for a received message;
  // marks it STO SENT when sent.
  SendResult send_stored(int index, std::optional<Address> destination);
  // AT+CMGW=<length>[,<stat>] (PDU) after Ctrl-Z: the new index in <mem2>, CMS 304 or 322.
  CmsResult<int> write_pdu(std::string_view body, std::size_t length, MessageStatus status);
  // AT+CMGW="<da>" (text) after Ctrl-Z: CMS 305 or 322.
  CmsResult<int> write_text(const Address& destination, std::string_view body,
                            MessageStatus status);
  // AT+CNMA (text mode, PDU <n> 0/1: delivered) or AT+CNMA=2 (RP-ERROR: not delivered).
  std::optional<CmsCause> acknowledge(bool delivered = true) {
    return router_.acknowledge(delivered);
  }
  // AT+CNMI with checked values.
  void set_cnmi(const CnmiSettings& next) { router_.set_cnmi(next); }
  bool ack_pending() const { return router_.ack_pending(); }

  // 27.005 PDU <length>: TPDU octets, 1-164 (spec §2.10).
  static bool valid_pdu_length(long length) { return length >= 1 && length <= 164; }
  // A PDU-mode body: hex in either case, CR/LF/space/tab ignored (OQ-S35); the TPDU after the
  // SCA field must be exactly `length` octets. nullopt: CMS 304.
  static std::optional<Pdu> parse_pdu_body(std::string_view body, std::size_t length);

  // What `cellemu ctl status` shows.
  struct Counters {
    std::uint64_t sent = 0;
    std::uint64_t send_failures = 0;
    std::uint64_t received = 0;
    std::uint64_t refused = 0;  // MT messages not taken (radio down, storage full)
    std::uint64_t reports = 0;
  };
  const Counters& counters() const { return counters_; }
  const RadioProbe& radio() const { return radio_; }

  void on_mt_message(MtMessage message) override;
  void on_mt_report(MtReport report) override;

 private:
  SendResult send(std::optional<Address> sca, Octets tpdu, const RadioConditions& radio);
  SendResult failed(CmsCause cause, core::Duration delay = core::Duration::zero());
  bool mt_allowed() const;

  SmsServiceConfig config_;
  RadioProbe radio_;
  SmsSettings settings_;
  SmsStorages storages_;
  std::optional<Address> smsc_;
  MtRouter router_;
  SmsNetwork* network_ = nullptr;
  std::uint8_t next_reference_ = 0;
  Counters counters_;
};

}  // namespace cellemu::sms
