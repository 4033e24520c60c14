#ifndef GUANXI_COPENCC_SHIM_H
#define GUANXI_COPENCC_SHIM_H
#include <opencc/opencc.h>
#endif
