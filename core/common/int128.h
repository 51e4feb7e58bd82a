#pragma once

namespace stratus {

// 128-bit integers (GCC and Clang) for exact money and ratio arithmetic on
// 64-bit amounts: a product of two qint64 never overflows one.
__extension__ typedef __int128 Int128;

} // namespace stratus
