using System.Runtime.CompilerServices;

// The codecs' stack buffers (decimal bits, digits, date text) are always written before they are
// read; skipping their zero-initialisation is measurable on the hot path.
[module: SkipLocalsInit]
