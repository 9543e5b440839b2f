#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "emulator/core/timer_service.h"
#include "emulator/network/network_clock.h"
#include "emulator/network/service_centre.h"
#include "emulator/network/sms_log.h"
#include "emulator/sms/sms_network.h"

namespace cellemu::network {

class Registration;

struct NetworkOptions {
  // The SMSC of the network (the SCA of every MT PDU): the SMSC of the modules' SIM profile.
  sms::Address smsc = sms::Address{"+8613800210500", sms::Address::kInternational};
  std::chrono::sys_seconds utc_at_zero{};  // network time at emulated time zero
  int zone = 32;                           // quarter hours (+32 = UTC+8)
  // SMSC to recipient: a delivered message arrives this much later; a status report's
  // discharge time is this much after its SCTS.
  core::Duration delivery_delay{0};
  std::size_t max_kept = 1000;
  std::size_t max_reassembly = 64;
  std::string log_path;  // --sms-log; empty: no log
};

// The emulated operator network shared by every modem of the process: who is attached with which
// number, the SMS service centre, network time. Modems live on different shard threads: the
// Network's mutex is the one hand-off point. Under it a modem's submission is routed and
// whatever must reach another modem is posted to that modem's executor (posting never runs
// inline); the receiving modem then works on its own thread and clock. Nothing a modem sends
// makes it grow: the SMSC's kept list and its reassembly are bounded.
class Network : public std::enable_shared_from_this<Network> {
 public:
  // nullptr (and `error` set) when the log cannot be opened.
  static std::shared_ptr<Network> create(NetworkOptions options, std::string* error = nullptr);
  ~Network();
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  NetworkClock& clock() { return clock_; }
  const sms::Address& smsc_address() const { return smsc_address_; }

  // How a modem joins: its number (empty: none; it can send but nobody can reach it), the
  // executor of its thread, its clock, and its SMS entity. Detaches when the Registration goes
  // (before the listener and the clock go).
  struct Attachment {
    std::string name;  // "modem0": logs and listings
    std::string number;
    boost::asio::any_io_executor executor;
    core::TimerService* timers = nullptr;
    sms::MtListener* listener = nullptr;
  };
  std::unique_ptr<Registration> attach(Attachment attachment);

  // `cellemu ctl sms list`: what the SMSC kept for numbers outside the process, oldest first.
  std::vector<SmsRecord> kept() const;
  struct Stats {
    std::uint64_t delivered = 0;  // to modems of the process
    std::uint64_t kept = 0;       // to other numbers
    std::uint64_t injected = 0;
    std::uint64_t reports = 0;
  };
  Stats stats() const;
  std::size_t attached() const;

 private:
  friend class Registration;
  struct Endpoint {
    sms::MtListener* listener;
  };
  struct Subscriber {
    std::string name;
    std::string number;
    boost::asio::any_io_executor executor;
    core::TimerService* timers;
    std::weak_ptr<Endpoint> endpoint;
  };

  explicit Network(NetworkOptions options);
  std::uint64_t add(Subscriber subscriber);
  void remove(std::uint64_t id);
  // Registration's work, on the calling modem's thread at its time `now`.
  std::optional<sms::CmsCause> submit(std::uint64_t from, const sms::MoMessage& mo,
                                      core::TimePoint now);
  void inject(std::uint64_t to, std::vector<Delivery> deliveries, core::TimePoint now);
  std::optional<std::vector<Delivery>> deliveries_for_text(const sms::Address& originator,
                                                           std::u32string_view text,
                                                           core::TimePoint now);

  // Under the lock.
  const Subscriber* recipient_of(const sms::Address& destination) const;
  void log(std::vector<SmsRecord> records);
  void post_delivery(const Subscriber& to, Delivery delivery, sms::DeliveryReceipt receipt);
  void post_report(const Subscriber& to, sms::Pdu report, core::Duration delay);
  sms::DeliveryReceipt receipt_for(std::uint64_t sender, const Subscriber& recipient,
                                   const sms::Submit& submit, const sms::Timestamp& scts);
  void report_delivery(std::uint64_t sender, const sms::Submit& submit, const sms::Timestamp& scts,
                       core::TimePoint receiver_now, bool delivered);

  const sms::Address smsc_address_;
  const core::Duration delivery_delay_;
  NetworkClock clock_;
  mutable std::mutex mutex_;
  ServiceCentre centre_;
  std::unique_ptr<SmsLog> log_;
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::uint64_t next_id_ = 1;
  Stats stats_;
};

}  // namespace cellemu::network
