# The pages Jekyll itself writes for a site, as JSON lines (url, title, date, source),
# read from Jekyll's own model after a build: used by scripts/oracle.sh.
# Usage: ruby oracle-jekyll.rb SRC DEST CONFIGS  (CONFIGS: comma-separated, as `--config`)
require "jekyll"
require "json"
src, dest, configs = ARGV
config = Jekyll.configuration("source" => src, "destination" => dest,
                              "config" => configs.split(","), "quiet" => true)
site = Jekyll::Site.new(config)
site.process
docs = site.collections.values.flat_map(&:docs).select(&:write?)
# Pages read from a file (not those plugins make, such as redirect_from's).
pages = site.pages.select do |p|
  %w(.md .markdown .html).include?(p.ext) && p.output_ext == ".html" &&
    File.file?(File.join(src, p.relative_path))
end
(docs + pages).each do |d|
  # Posts have a date; other documents only one their front matter gives (else Jekyll
  # dates them with the build's time).
  post = d.is_a?(Jekyll::Document) && d.collection.label == "posts"
  # Only the front matter counts: a `date:` line in the body (a YAML example) does not.
  front = File.read(File.join(src, d.relative_path))[/\A---\s*\n.*?\n(---|\.\.\.)\s*$/m].to_s
  date = post || front =~ /^date:/ ? d.data["date"] : nil
  date = date.strftime("%Y-%m-%d") if date.respond_to?(:strftime)
  puts JSON.generate("url" => d.url, "title" => d.data["title"], "date" => date,
                     "source" => d.relative_path.sub(%r{\A/}, ""))
end
