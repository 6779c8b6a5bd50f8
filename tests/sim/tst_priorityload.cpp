// Envoy's priority-load arithmetic on runtime.md §3.4's worked numbers, plus the legacy factor.
#include "sim/priorityload.h"

#include <QTest>

using namespace chainscope::sim;

class TestPriorityLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workedTable_data();
    void workedTable();
    void legacyFactorIsBinary();
    void emptyAndZeroLevels();
};

void TestPriorityLoad::workedTable_data()
{
    QTest::addColumn<QList<PriorityLevel>>("levels");
    QTest::addColumn<QList<int>>("health");
    QTest::addColumn<int>("normalized");
    QTest::addColumn<QList<int>>("loadT0");
    QTest::addColumn<QList<int>>("loadT50");
    QTest::addColumn<bool>("totalPanicT50");

    using L = QList<PriorityLevel>;
    using I = QList<int>;
    QTest::newRow("10/10,10/10") << L{{10, 10}, {10, 10}} << I{100, 100} << 100 << I{100, 0} << I{100, 0} << false;
    QTest::newRow("8/10,10/10") << L{{8, 10}, {10, 10}} << I{100, 100} << 100 << I{100, 0} << I{100, 0} << false;
    QTest::newRow("7/10,10/10") << L{{7, 10}, {10, 10}} << I{98, 100} << 100 << I{98, 2} << I{98, 2} << false;
    QTest::newRow("5/10,10/10") << L{{5, 10}, {10, 10}} << I{70, 100} << 100 << I{70, 30} << I{70, 30} << false;
    QTest::newRow("2/10,10/10") << L{{2, 10}, {10, 10}} << I{28, 100} << 100 << I{28, 72} << I{28, 72} << false;
    QTest::newRow("0/10,10/10") << L{{0, 10}, {10, 10}} << I{0, 100} << 100 << I{0, 100} << I{0, 100} << false;
    QTest::newRow("5/10,5/10") << L{{5, 10}, {5, 10}} << I{70, 70} << 100 << I{70, 30} << I{70, 30} << false;
    QTest::newRow("5/10,2/10 rounding") << L{{5, 10}, {2, 10}} << I{70, 28} << 98 << I{72, 28} << I{72, 28} << false;
    QTest::newRow("3/10,3/10,10/10") << L{{3, 10}, {3, 10}, {10, 10}} << I{42, 42, 100} << 100 << I{42, 42, 16} << I{42, 42, 16} << false;
    QTest::newRow("2/10 x3") << L{{2, 10}, {2, 10}, {2, 10}} << I{28, 28, 28} << 84 << I{34, 33, 33} << I{34, 33, 33} << true;
    QTest::newRow("4/10,0/10 total panic") << L{{4, 10}, {0, 10}} << I{56, 0} << 56 << I{100, 0} << I{50, 50} << true;
    QTest::newRow("4/10,0/2 by host count") << L{{4, 10}, {0, 2}} << I{56, 0} << 56 << I{100, 0} << I{84, 16} << true;
    QTest::newRow("1/3,0/3") << L{{1, 3}, {0, 3}} << I{46, 0} << 46 << I{100, 0} << I{50, 50} << true;
    QTest::newRow("2/3,0/3") << L{{2, 3}, {0, 3}} << I{93, 0} << 93 << I{100, 0} << I{100, 0} << false;
    QTest::newRow("0/10,0/10") << L{{0, 10}, {0, 10}} << I{0, 0} << 0 << I{100, 0} << I{50, 50} << true;
    // runtime.md §8 SC-11/SC-12/SC-15/SC-19 levels.
    QTest::newRow("SC-11 2/4,2/2") << L{{2, 4}, {2, 2}} << I{70, 100} << 100 << I{70, 30} << I{70, 30} << false;
    QTest::newRow("SC-12 1/4,1/4,4/4") << L{{1, 4}, {1, 4}, {4, 4}} << I{35, 35, 100} << 100 << I{35, 35, 30} << I{35, 35, 30} << false;
    QTest::newRow("SC-19 1/3,2/2") << L{{1, 3}, {2, 2}} << I{46, 100} << 100 << I{46, 54} << I{46, 54} << false;
    QTest::newRow("SC-10 3/4,2/2") << L{{3, 4}, {2, 2}} << I{100, 100} << 100 << I{100, 0} << I{100, 0} << false;
}

void TestPriorityLoad::workedTable()
{
    QFETCH(QList<PriorityLevel>, levels);
    QFETCH(QList<int>, health);
    QFETCH(int, normalized);
    QFETCH(QList<int>, loadT0);
    QFETCH(QList<int>, loadT50);
    QFETCH(bool, totalPanicT50);

    const PriorityLoad t0 = computePriorityLoad(levels, kDefaultOverprovisioningFactor, 0);
    QCOMPARE(t0.health, health);
    QCOMPARE(t0.normalizedTotal, normalized);
    QCOMPARE(t0.load, loadT0);
    QVERIFY(!t0.totalPanic);
    QVERIFY(!t0.panic.contains(true));

    const PriorityLoad t50 = computePriorityLoad(levels, kDefaultOverprovisioningFactor, kDefaultPanicThreshold);
    QCOMPARE(t50.health, health);
    QCOMPARE(t50.load, loadT50);
    QCOMPARE(t50.totalPanic, totalPanicT50);
    int sum = 0;
    for (int l : t50.load)
        sum += l;
    QCOMPARE(sum, 100);
}

void TestPriorityLoad::legacyFactorIsBinary()
{
    // Consul ≤ 1.13: OPF 100000 makes any level with one healthy endpoint 100 healthy (runtime.md §3.3).
    const PriorityLoad a = computePriorityLoad({{2, 4}, {2, 2}}, kLegacyOverprovisioningFactor, 0);
    QCOMPARE(a.load, (QList<int>{100, 0}));
    const PriorityLoad b = computePriorityLoad({{0, 4}, {1, 4}, {4, 4}}, kLegacyOverprovisioningFactor, 0);
    QCOMPARE(b.load, (QList<int>{0, 100, 0}));
    // More than 1000 endpoints with a single healthy one: 1 % spills.
    const PriorityLoad c = computePriorityLoad({{1, 1001}, {1, 1}}, kLegacyOverprovisioningFactor, 0);
    QCOMPARE(c.health.front(), 99);
    QCOMPARE(c.load, (QList<int>{99, 1}));
}

void TestPriorityLoad::emptyAndZeroLevels()
{
    QVERIFY(computePriorityLoad({}).load.isEmpty());
    // A single dead target cluster (T = 0): everything stays on P0 and will fail there.
    const PriorityLoad dead = computePriorityLoad({{0, 3}}, kDefaultOverprovisioningFactor, 0);
    QCOMPARE(dead.load, QList<int>{100});
    // A zero-host level never gets load in total panic; leftovers go to the first level with hosts.
    const PriorityLoad zero = computePriorityLoad({{0, 0}, {0, 3}, {0, 3}}, kDefaultOverprovisioningFactor, kDefaultPanicThreshold);
    QCOMPARE(zero.load, (QList<int>{0, 50, 50}));
    const PriorityLoad thirds = computePriorityLoad({{0, 1}, {0, 1}, {0, 1}}, kDefaultOverprovisioningFactor, kDefaultPanicThreshold);
    QCOMPARE(thirds.load, (QList<int>{34, 33, 33}));
}

QTEST_GUILESS_MAIN(TestPriorityLoad)
#include "tst_priorityload.moc"
