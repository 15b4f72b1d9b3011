process.stdout.write('waka\n')
