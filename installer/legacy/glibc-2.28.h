/* Force-included (gcc -include) into every C file of the Python built in the bullseye root, so
 * that it links against glibc 2.28's symbol versions although bullseye has glibc 2.31.
 *
 * glibc 2.29 gave exp, exp2, log, log2 and pow new symbol versions (faster code, same results
 * for valid arguments; the old versions stay exported with the old error handling). Binding to
 * the old versions lets the bundle start on glibc 2.28 (统信 UOS 20). sem_clockwait (2.30) is
 * turned off at configure time instead (ac_cv_func_sem_clockwait=no; Python then uses
 * sem_timedwait). installer/legacy/build-python.sh checks that no GLIBC_2.29+ symbol is left.
 */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#elif defined(__aarch64__)
__asm__(".symver exp,exp@GLIBC_2.17");
__asm__(".symver exp2,exp2@GLIBC_2.17");
__asm__(".symver log,log@GLIBC_2.17");
__asm__(".symver log2,log2@GLIBC_2.17");
__asm__(".symver pow,pow@GLIBC_2.17");
#endif
