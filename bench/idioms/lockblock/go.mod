module example.com/idioms/lockblock

go 1.26.0
