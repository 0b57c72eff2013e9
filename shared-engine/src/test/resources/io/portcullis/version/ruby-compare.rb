# Reads "a<TAB>b" lines; prints -1, 0 or 1 as RubyGems' Gem::Version orders a and b, or "invalid"
# when Gem::Version.correct? rejects either version.
warn "rubygems #{Gem::VERSION}"
STDIN.each_line do |line|
  a, b = line.chomp("\n").split("\t", 2)
  if Gem::Version.correct?(a) && Gem::Version.correct?(b)
    puts(Gem::Version.new(a) <=> Gem::Version.new(b))
  else
    puts "invalid"
  end
end
