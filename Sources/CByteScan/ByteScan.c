// The scanner is inline, in include/CByteScan.h (a C target needs a source file).
#include "CByteScan.h"
