#include "emulator/network/network.h"

#include <boost/asio/post.hpp>

#include "emulator/network/numbering.h"
#include "emulator/network/registration.h"

namespace cellemu::network {
namespace {

sms::Address originator(const std::string& number) {
  return sms::Address::from_number(number).value_or(sms::Address{"", sms::Address::kUnknown});
}

}  // namespace

std::shared_ptr<Network> Network::create(NetworkOptions options, std::string* error) {
  std::unique_ptr<SmsLog> log;
  if (!options.log_path.empty()) {
    std::error_code ec;
    log = SmsLog::open(options.log_path, ec);
    if (!log) {
      if (error) *error = "--sms-log " + options.log_path + ": " + ec.message();
      return nullptr;
    }
  }
  std::shared_ptr<Network> network(new Network(std::move(options)));
  network->log_ = std::move(log);
  return network;
}

Network::Network(NetworkOptions options)
    : smsc_address_(options.smsc),
      delivery_delay_(options.delivery_delay),
      clock_(options.utc_at_zero, options.zone),
      centre_(ServiceCentreOptions{options.smsc, options.max_kept, options.max_reassembly}) {}

Network::~Network() = default;

std::unique_ptr<Registration> Network::attach(Attachment a) {
  auto endpoint = std::make_shared<Endpoint>(Endpoint{a.listener});
  const std::uint64_t id = add(Subscriber{a.name, a.number, a.executor, a.timers, endpoint});
  return std::unique_ptr<Registration>(
      new Registration(shared_from_this(), id, a.name, a.number, *a.timers, std::move(endpoint)));
}

std::uint64_t Network::add(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  subscribers_.emplace(id, std::move(subscriber));
  return id;
}

void Network::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

std::vector<SmsRecord> Network::kept() const {
  std::lock_guard lock(mutex_);
  return centre_.kept();
}

Network::Stats Network::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t Network::attached() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

const Network::Subscriber* Network::recipient_of(const sms::Address& destination) const {
  if (destination.is_alphanumeric()) return nullptr;
  const std::string digits = destination.digits();
  for (const auto& [id, s] : subscribers_) {
    const std::string_view number = s.number;
    if (reaches(digits, destination.international(),
                number.starts_with('+') ? number.substr(1) : number)) {
      return &s;
    }
  }
  return nullptr;
}

std::optional<sms::CmsCause> Network::submit(std::uint64_t from, const sms::MoMessage& mo,
                                             core::TimePoint now) {
  const sms::Timestamp scts = clock_.local(now);
  const std::string time = clock_.iso8601(now);
  std::lock_guard lock(mutex_);
  const auto sender = subscribers_.find(from);
  if (sender == subscribers_.end()) return sms::CmsCause::NoNetworkService;
  const Subscriber* to = recipient_of(mo.submit.destination);
  log(centre_.note(to ? Route::Modem : Route::Kept, sender->second.number,
                   to ? to->number : mo.submit.destination.value, mo.submit.user_data,
                   mo.submit.dcs, mo.tpdu, time));
  if (to) {
    ++stats_.delivered;
    auto delivery = centre_.deliver_for(mo.submit, originator(sender->second.number), scts);
    post_delivery(*to, std::move(delivery), receipt_for(from, *to, mo.submit, scts));
    return std::nullopt;
  }
  ++stats_.kept;
  if (mo.submit.status_report_request) {
    // Outside the process the message counts as delivered after the delivery delay.
    ++stats_.reports;
    const sms::Timestamp discharge = clock_.local(now + delivery_delay_);
    post_report(sender->second,
                centre_.report_for(mo.submit, scts, discharge, sms::status::kReceived),
                delivery_delay_);
  }
  return std::nullopt;
}

void Network::inject(std::uint64_t to, std::vector<Delivery> deliveries, core::TimePoint now) {
  const std::string time = clock_.iso8601(now);
  std::lock_guard lock(mutex_);
  const auto it = subscribers_.find(to);
  if (it == subscribers_.end()) return;
  for (auto& d : deliveries) {
    ++stats_.injected;
    log(centre_.note(Route::Injected, d.deliver.originator.value, it->second.number,
                     d.deliver.user_data, d.deliver.dcs, d.pdu.tpdu, time));
    post_delivery(it->second, std::move(d), sms::DeliveryReceipt{});
  }
}

std::optional<std::vector<Delivery>> Network::deliveries_for_text(const sms::Address& originator,
                                                                  std::u32string_view text,
                                                                  core::TimePoint now) {
  const sms::Timestamp scts = clock_.local(now);
  std::lock_guard lock(mutex_);
  return centre_.deliveries_for_text(originator, text, scts);
}

void Network::log(std::vector<SmsRecord> records) {
  if (!log_) return;
  for (const auto& r : records) log_->write(r);
}

void Network::post_delivery(const Subscriber& to, Delivery delivery, sms::DeliveryReceipt receipt) {
  auto message = std::make_shared<sms::MtMessage>(
      sms::MtMessage{std::move(delivery.pdu), std::move(delivery.deliver), std::move(receipt)});
  // On the recipient's thread: its clock times the delivery delay. A recipient gone meanwhile
  // drops the message (its receipt settles as not delivered).
  boost::asio::post(to.executor,
                    [endpoint = to.endpoint, timers = to.timers, delay = delivery_delay_, message] {
                      if (endpoint.expired()) return;
                      auto hand_over = [endpoint, message] {
                        if (auto e = endpoint.lock(); e && e->listener)
                          e->listener->on_mt_message(std::move(*message));
                      };
                      if (delay <= core::Duration::zero()) {
                        hand_over();
                      } else {
                        timers->schedule(delay, hand_over);
                      }
                    });
}

void Network::post_report(const Subscriber& to, sms::Pdu pdu, core::Duration delay) {
  auto report = sms::decode_status_report(pdu.tpdu);
  if (!report) return;
  auto message = std::make_shared<sms::MtReport>(sms::MtReport{std::move(pdu), std::move(*report)});
  boost::asio::post(to.executor, [endpoint = to.endpoint, timers = to.timers, delay, message] {
    if (endpoint.expired()) return;
    auto hand_over = [endpoint, message] {
      if (auto e = endpoint.lock(); e && e->listener)
        e->listener->on_mt_report(std::move(*message));
    };
    if (delay <= core::Duration::zero()) {
      hand_over();
    } else {
      timers->schedule(delay, hand_over);
    }
  });
}

sms::DeliveryReceipt Network::receipt_for(std::uint64_t sender, const Subscriber& recipient,
                                          const sms::Submit& submit, const sms::Timestamp& scts) {
  if (!submit.status_report_request) return {};
  // Settled on the recipient's thread, at its time: that is the discharge time.
  return sms::DeliveryReceipt([weak = weak_from_this(), sender, endpoint = recipient.endpoint,
                               timers = recipient.timers, submit, scts](bool delivered) {
    const auto network = weak.lock();
    if (!network || endpoint.expired()) return;  // shutting down: nobody to report to
    network->report_delivery(sender, submit, scts, timers->now(), delivered);
  });
}

void Network::report_delivery(std::uint64_t sender, const sms::Submit& submit,
                              const sms::Timestamp& scts, core::TimePoint receiver_now,
                              bool delivered) {
  const sms::Timestamp discharge = clock_.local(receiver_now);
  std::lock_guard lock(mutex_);
  const auto it = subscribers_.find(sender);
  if (it == subscribers_.end()) return;
  ++stats_.reports;
  const std::uint8_t status = delivered ? sms::status::kReceived : sms::status::kNoResponse;
  post_report(it->second, centre_.report_for(submit, scts, discharge, status),
              core::Duration::zero());
}

}  // namespace cellemu::network
