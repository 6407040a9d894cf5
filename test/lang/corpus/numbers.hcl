1 + 2
0.1 + 0.2
0.1 + 0.2 == 0.3
9007199254740993
9007199254740993 + 0
(1e38 + 1) - 1e38
1e21
1e-7
1.5e3
007.5
1.e3
2--2
-5 % 3
5 % -3
5.5 % 2
7 % 0
-7 % 0
10 / 4
1 / 3
2 / 3
1 / 0
-1 / 0
0 / 0
10 * 0.1
3 * 0.1
0.3 - 0.1
100 - 0.01
-0
0 * -1
-0 == 0
1 < 2
2 <= 2
3 > 4
3 >= 3
1 < 2 == true
"1" + 1
"2" * "3"
"1.5" + 1
"a" < "b"
!true
!"false"
-"5"
true && false
true || false
false && true
1 == "1"
1 == 1.0
12345678901234567890
12345678901234567890 + 1
123456789012345678901234567890 * 10
0.000000000000000000001
1e400 / 1e399
pow(2, 64)
pow(2, 64) + 0
pow(2, 64) == 18446744073709551616
pow(2, 0.5)
pow(2, 10)
pow(3, 40)
pow(0, 0)
pow(2, -1)
pow(-2, 3)
pow(10, 20)
pow(1.5, 2)
abs(-3)
abs(3.5)
abs(-0.1)
abs(0)
ceil(1.2)
ceil(-1.2)
ceil(5)
ceil(0.1 + 0.2)
floor(1.8)
floor(-1.2)
floor(12345678901234567890.5)
log(8, 2)
log(100, 10)
log(16, 4)
log(1, 10)
log(0, 10)
log(2.718281828459045, 2.718281828459045)
max(1, 2, 3)
max(1, 2.5, "3")
max(-1, -5)
max()
max([1, 2]...)
min(3, 1, 2)
min(0.1, 0.2)
min(-1e30, 1)
parseint("100", 10)
parseint("FF", 16)
parseint("ff", 16)
parseint("-1010", 2)
parseint("z", 36)
parseint("Z", 62)
parseint("z", 62)
parseint("0x10", 16)
parseint("12", 1)
parseint("12", 63)
parseint("9", 8)
parseint("123456789012345678901234567890", 10)
parseint(" 1", 10)
parseint("+7", 10)
signum(-5)
signum(0)
signum(7)
signum(3.5)
signum(-0.1)
sum([1, 2, 3])
sum([0.1, 0.2])
sum([1, "2"])
sum([])
sum(toset([1, 2]))
tonumber("1")
tonumber(" 1")
tonumber("1 ")
tonumber("+1")
tonumber(".5")
tonumber("5.")
tonumber("1e3")
tonumber("0x10")
tonumber("1_000")
tonumber("")
tonumber("NaN")
tonumber(null)
tonumber(true)
tonumber(42)
tostring(1.5)
tostring(1e21)
tostring(0.1 + 0.2)
tostring(-0)
tostring(1/3)
range(3)
range(1, 4)
range(0, 1, 0.3)
range(5, 1)
range(1, 10, 3)
range(10, 1, -3)
range(0)
range(1, 5, -1)
range(5, 1, 1)
range(0, 2000)
range(-2)
length(range(0, 1024))
0.1 * 3
1.1 * 1.1
99999999999999999999 + 1
1 / 7 * 7
2 * 3 + 4
2 * (3 + 4)
10 - 2 - 3
2 * 3 % 4
-2 * -3
1e3 + 1e-3
