// The executables' process allocator (top-level CMakeLists.txt, chainscope_allocator): when a build links
// mimalloc, its malloc must serve the whole process, Qt's containers included, or the load figures in
// README would describe a build that does not exist.
#include <QByteArray>
#include <QList>
#include <QString>
#include <QTest>

#include <cstdlib>

#ifdef CHAINSCOPE_MIMALLOC
#include <mimalloc.h>
#endif

class TestAllocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mallocIsMimalloc()
    {
#ifndef CHAINSCOPE_MIMALLOC
        QSKIP("built without mimalloc (a sanitizer build, or -DCHAINSCOPE_MIMALLOC=OFF)");
#else
        QVERIFY(mi_version() >= 200);
        void *block = std::malloc(200);
        QVERIFY(block);
        QVERIFY(mi_is_in_heap_region(block));
        std::free(block);
        void *large = std::malloc(4 << 20);
        QVERIFY(large);
        QVERIFY(mi_is_in_heap_region(large));
        std::free(large);
#endif
    }

    void qtContainersUseIt()
    {
#ifndef CHAINSCOPE_MIMALLOC
        QSKIP("built without mimalloc (a sanitizer build, or -DCHAINSCOPE_MIMALLOC=OFF)");
#else
        // Allocated inside libQt6Core (QArrayData::allocate), not in this executable.
        const QByteArray bytes(1000, 'x');
        const QString text = QString::fromLatin1(bytes);
        QList<int> numbers;
        numbers.resize(5000);
        QVERIFY(mi_is_in_heap_region(bytes.constData()));
        QVERIFY(mi_is_in_heap_region(text.constData()));
        QVERIFY(mi_is_in_heap_region(numbers.constData()));
#endif
    }
};

QTEST_GUILESS_MAIN(TestAllocator)
#include "tst_allocator.moc"
