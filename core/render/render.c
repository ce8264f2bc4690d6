/* render.c - placeholder */
#include "render.h"
