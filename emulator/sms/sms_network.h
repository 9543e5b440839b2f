#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "emulator/sms/cms_cause.h"
#include "emulator/sms/pdu_codec.h"

namespace cellemu::sms {

// The boundary between one module's SMS entity (SmsService) and the operator network
// (network::Network). Both sides run on the module's own thread: the network posts to it.

// Ties a delivered message to the status report its sender may be waiting for. The receiving
// module settles it once: delivered (stored, or routed and acknowledged) or not (memory full, no
// +CNMA in time, SIM or radio down). A receipt dropped unsettled counts as not delivered.
class DeliveryReceipt {
 public:
  using Settle = std::function<void(bool delivered)>;
  DeliveryReceipt() = default;
  explicit DeliveryReceipt(Settle settle) : settle_(std::move(settle)) {}
  DeliveryReceipt(DeliveryReceipt&& other) noexcept : settle_(std::exchange(other.settle_, {})) {}
  DeliveryReceipt& operator=(DeliveryReceipt&& other) noexcept {
    if (this != &other) {
      settle(false);
      settle_ = std::exchange(other.settle_, {});
    }
    return *this;
  }
  DeliveryReceipt(const DeliveryReceipt&) = delete;
  DeliveryReceipt& operator=(const DeliveryReceipt&) = delete;
  ~DeliveryReceipt() { settle(false); }

  void settle(bool delivered) {
    if (auto fn = std::exchange(settle_, {})) fn(delivered);
  }
  bool pending() const { return static_cast<bool>(settle_); }

 private:
  Settle settle_;
};

// An MT message: the PDU as +CMT / +CMGR show it (the delivering SMSC's address, then the
// SMS-DELIVER), decoded, with its receipt.
struct MtMessage {
  Pdu pdu;
  Deliver deliver;
  DeliveryReceipt receipt;
};

// A status report for an MO message this module sent with TP-SRR.
struct MtReport {
  Pdu pdu;
  StatusReport report;
};

// What the network calls on a module (on the module's thread).
class MtListener {
 public:
  virtual ~MtListener() = default;
  virtual void on_mt_message(MtMessage message) = 0;
  virtual void on_mt_report(MtReport report) = 0;
};

// An MO message as the module hands it over: the SMSC it addressed (the PDU's SCA or +CSCA)
// and the SMS-SUBMIT with the module's TP-MR.
struct MoMessage {
  Address smsc;
  Octets tpdu;
  Submit submit;
};

// What one module sees of the network.
class SmsNetwork {
 public:
  virtual ~SmsNetwork() = default;
  // Hands an MO message to the SMSC. Returns at once: nullopt when the SMSC accepted it (the
  // module answers +CMGS: <mr>), else the cause the module reports. Delivery and any status
  // report follow later, posted to their modules.
  virtual std::optional<CmsCause> submit(const MoMessage& message) = 0;
};

}  // namespace cellemu::sms
