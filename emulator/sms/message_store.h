#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "emulator/sms/pdu_codec.h"

namespace cellemu::sms {

// 27.005 <stat>: the number is the PDU-mode form, the name the text-mode form.
enum class MessageStatus { RecUnread = 0, RecRead = 1, StoUnsent = 2, StoSent = 3 };
std::string_view status_name(MessageStatus status);  // "REC UNREAD" ...

// What AT+CMGL lists: one status or all of them (PDU 0-4, text "REC UNREAD" ... "ALL").
enum class ListFilter { RecUnread = 0, RecRead = 1, StoUnsent = 2, StoSent = 3, All = 4 };
// Text-mode stat names, upper case only (LM CMGL note; lower case is CMS 305, OQ-S32).
std::optional<ListFilter> list_filter_from_text(std::string_view name);
std::optional<ListFilter> list_filter_from_number(long value);
std::optional<MessageStatus> status_from_text(std::string_view name);  // AT+CMGW text <stat>
std::optional<MessageStatus> status_from_number(long value);           // AT+CMGW PDU <stat>

// AT+CMGD <delflag> (27.005 §3.5.4): 0 the index, 1 all read, 2 read and sent, 3 read, sent
// and unsent, 4 all.
enum class DeleteFlag { Index = 0, Read = 1, ReadSent = 2, ReadSentUnsent = 3, All = 4 };
std::optional<DeleteFlag> delete_flag_from_number(long value);

// One stored message: its status and its PDU as PDU mode prints it (SCA field + TPDU: received
// messages with the SMSC that delivered them, stored MO messages with the SCA field they were
// written with).
struct StoredMessage {
  MessageStatus status = MessageStatus::RecUnread;
  Pdu pdu;
  bool received() const {
    return status == MessageStatus::RecUnread || status == MessageStatus::RecRead;
  }
};

struct IndexedMessage {
  int index = 0;
  StoredMessage message;  // as it was before the read marked it
};

// One storage ("SM" or "ME"): a fixed number of slots with 1-based indexes; a new message takes
// the lowest free one (spec services §2.1). It never holds more than its capacity.
class MessageStore {
 public:
  explicit MessageStore(std::size_t capacity) : capacity_(capacity) {}

  std::size_t capacity() const { return capacity_; }
  std::size_t used() const { return messages_.size(); }
  bool full() const { return used() >= capacity(); }
  // The lowest free index, or nullopt when full.
  std::optional<int> add(StoredMessage message);
  const StoredMessage* find(int index) const;
  // AT+CMGR: the message as it was, and REC UNREAD becomes REC READ. nullopt for an empty or
  // out-of-range index (CMS 321).
  std::optional<StoredMessage> read(int index);
  // AT+CMGL: matching messages in index order; listed REC UNREAD ones become REC READ.
  std::vector<IndexedMessage> list(ListFilter filter);
  // AT+CMSS: a stored MO message becomes STO SENT.
  bool mark_sent(int index);
  // AT+CMGD=<index>: false for an empty or out-of-range index.
  bool remove(int index);
  // AT+CMGD=<index>,<delflag 1-4>.
  void remove_all(DeleteFlag flag);
  // AT+CMGD=? "(1,2)": the used indexes in order.
  std::vector<int> used_indexes() const;

 private:
  // Only used slots take memory: an idle modem pays for no empty ones.
  std::size_t capacity_;
  std::map<int, StoredMessage> messages_;
};

}  // namespace cellemu::sms
