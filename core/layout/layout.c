/* layout.c - placeholder */
#include "layout.h"
