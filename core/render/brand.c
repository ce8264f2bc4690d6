/* brand.c - placeholder, being written */
#include "brand.h"
