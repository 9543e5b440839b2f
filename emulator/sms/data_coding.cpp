#include "emulator/sms/data_coding.h"

namespace cellemu::sms {
namespace {

Alphabet alphabet_bits(std::uint8_t bits) {
  switch (bits & 0x03) {
    case 1:
      return Alphabet::Data8;
    case 2:
      return Alphabet::Ucs2;
    default:  // 3 is reserved: the default alphabet
      return Alphabet::Gsm7;
  }
}

}  // namespace

DataCoding DataCoding::from_octet(std::uint8_t dcs) {
  DataCoding out;
  const std::uint8_t group = dcs >> 4;
  if (group <= 0x07) {  // 00xx general, 01xx automatic deletion
    out.alphabet = alphabet_bits(dcs >> 2);
    out.compressed = (dcs & 0x20) != 0;
    if (dcs & 0x10) out.message_class = dcs & 0x03;
  } else if (group == 0x0C || group == 0x0D) {  // message waiting, discard / store, GSM 7-bit
    out.alphabet = Alphabet::Gsm7;
  } else if (group == 0x0E) {  // message waiting, store, UCS2
    out.alphabet = Alphabet::Ucs2;
  } else if (group == 0x0F) {  // data coding / message class
    out.alphabet = (dcs & 0x04) ? Alphabet::Data8 : Alphabet::Gsm7;
    out.message_class = dcs & 0x03;
  }
  return out;  // 1000..1011 reserved: GSM 7-bit
}

std::uint8_t DataCoding::octet_for(Alphabet alphabet) {
  switch (alphabet) {
    case Alphabet::Data8:
      return 0x04;
    case Alphabet::Ucs2:
      return 0x08;
    case Alphabet::Gsm7:
      break;
  }
  return 0x00;
}

}  // namespace cellemu::sms
