#ifndef GOALWATCH_CMALLOC_SHIM_H
#define GOALWATCH_CMALLOC_SHIM_H

#include <malloc.h>

#endif
