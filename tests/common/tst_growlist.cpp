// growListFor(): room made at once, elements moved rather than copied, contents unchanged.
#include "common/growlist.h"

#include <QString>
#include <QTest>

namespace {

/** Counts copies: growing must never copy an element (QList::reserve() on a non-empty list does). */
struct Counted {
    static inline int copies = 0;
    QString text;
    Counted() = default;
    explicit Counted(QString t)
        : text(std::move(t))
    {
    }
    Counted(const Counted &other)
        : text(other.text)
    {
        ++copies;
    }
    Counted &operator=(const Counted &other)
    {
        text = other.text;
        ++copies;
        return *this;
    }
    Counted(Counted &&) noexcept = default;
    Counted &operator=(Counted &&) noexcept = default;
};

} // namespace

Q_DECLARE_TYPEINFO(Counted, Q_RELOCATABLE_TYPE);

class TestGrowList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void growsWithoutCopying()
    {
        QList<Counted> list;
        chainscope::growListFor(list, 0);
        QCOMPARE(list.capacity(), 0);
        chainscope::growListFor(list, 3); // empty: reserved
        QVERIFY(list.capacity() >= 3);
        for (int i = 0; i < 3; ++i)
            list.emplaceBack(QString::number(i));
        const qsizetype before = list.capacity();
        chainscope::growListFor(list, list.capacity() - list.size()); // room there already: untouched
        QCOMPARE(list.capacity(), before);

        Counted::copies = 0;
        chainscope::growListFor(list, 1000);
        QVERIFY(list.capacity() - list.size() >= 1000);
        QCOMPARE(Counted::copies, 0);
        QCOMPARE(list.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(list[i].text, QString::number(i));
        const Counted *data = list.constData();
        for (int i = 3; i < 1003; ++i)
            list.emplaceBack(QString::number(i)); // no growth on the way
        QCOMPARE(list.constData(), data);
        QCOMPARE(Counted::copies, 0);

        // A list shared with a copy is detached by the growth, the copy left as it was.
        const QList<Counted> copy = list;
        chainscope::growListFor(list, list.capacity());
        QCOMPARE(copy.size(), 1003);
        QCOMPARE(list.size(), 1003);
        QCOMPARE(list.last().text, u"1002");
        QCOMPARE(copy.last().text, u"1002");
    }
};

QTEST_GUILESS_MAIN(TestGrowList)
#include "tst_growlist.moc"
