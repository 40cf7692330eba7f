#if canImport(Glibc)
import Glibc
#endif

/// Hands freed heap pages back to the system (glibc's `malloc_trim`, looked up at run time because
/// Swift's Glibc module does not export `<malloc.h>`). A no-op elsewhere.
enum HeapTrim {
    static func releaseFreedMemory() {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
